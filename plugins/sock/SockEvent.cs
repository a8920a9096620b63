using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Plugins.Sock;

/// <summary>One hit of --sock: a TCP socket seen by a traced function or tracepoint.</summary>
public sealed class SockEvent(SockRecord record, string trace) : ITraceEvent
{
    public SockRecord Record { get; } = record;

    /// <summary>The catalogue name of the trace (e.g. "tcp_ack_update_rtt").</summary>
    public string Trace { get; } = trace;

    public PacketMeta Meta => Record.Meta;

    public PacketInfo? Packet => null;

    public IPAddress Source => Address(Record.SourceAddress);

    public IPAddress Destination => Address(Record.DestinationAddress);

    public bool IsIPv6 => Record.Family == 6;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields =>
    [
        new("trace", Trace),
        new("saddr", Source.ToString()),
        new("sport", Record.SourcePort),
        new("daddr", Destination.ToString()),
        new("dport", Record.DestinationPort),
        new("state", TcpNames.State(Record.State)),
        new("ca_state", TcpNames.CaState(Record.CaState)),
        new("packets_out", Record.PacketsOut),
        new("retrans_out", Record.RetransOut),
        new("srtt_us", Record.SrttMicroseconds),
        new("rtt_us", Record.RttMicroseconds),
        new("rtt_measured", (Record.Flags & SockFlags.HasRtt) != 0 || Trace == SockCatalogue.RttProbe),
        new("reset_reason", (Record.Flags & SockFlags.Reset) != 0 ? Record.Aux0 : null),
        new("wmem", Record.WriteMemory),
        new("rmem", Record.ReadMemory),
        new("rcvbuf", (Record.Flags & SockFlags.FromSkb) == 0 ? Record.RcvBuf : null),
        // TCP prunes, then drops, what arrives once the allocated bytes pass the limit (tcp_try_rmem_schedule).
        new("rcvbuf_full", (Record.Flags & SockFlags.FromSkb) == 0 && Record.RcvBuf > 0 ? (Record.ReadMemory > Record.RcvBuf ? 1 : 0) : null),
        new("timer", TcpNames.Timer(Record.Timer)),
        new("old_state", (Record.Flags & SockFlags.States) != 0 ? TcpNames.State(Record.Aux0) : null),
        new("new_state", (Record.Flags & SockFlags.States) != 0 ? TcpNames.State(Record.Aux1) : null),
        new("accept_queue", Listener ? Record.Aux0 : null),
        new("accept_backlog", Listener ? Record.Aux1 : null),
        // The kernel's sk_acceptq_is_full: more connections wait than the backlog allows.
        new("accept_queue_full", Listener ? (Record.Aux0 > Record.Aux1 ? 1 : 0) : null),
        new("sock", (Record.Flags & SockFlags.FromSkb) != 0 ? "none" : null),
    ];

    private bool Listener => (Record.Flags & SockFlags.Backlog) != 0;

    private IPAddress Address(SockRecord.Address16 bytes)
    {
        ReadOnlySpan<byte> all = bytes;
        return new IPAddress(IsIPv6 ? all : all[..4]);
    }
}
