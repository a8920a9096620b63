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

    /// <summary>The fields boxed, by name (for rules and tests; sinks visit them).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => EventFields.Collect(this);

    public void VisitFields(IEventFieldVisitor visitor)
    {
        visitor.Field("trace", Trace);
        visitor.Field("saddr", Source.ToString());
        visitor.Field("sport", Record.SourcePort);
        visitor.Field("daddr", Destination.ToString());
        visitor.Field("dport", Record.DestinationPort);
        visitor.Field("state", TcpNames.State(Record.State));
        visitor.Field("ca_state", TcpNames.CaState(Record.CaState));
        visitor.Field("packets_out", Record.PacketsOut);
        visitor.Field("retrans_out", Record.RetransOut);
        visitor.Field("srtt_us", Record.SrttMicroseconds);
        visitor.Field("rtt_us", Record.RttMicroseconds);
        visitor.Field("rtt_measured", (Record.Flags & SockFlags.HasRtt) != 0 || Trace == SockCatalogue.RttProbe);
        visitor.Field("reset_reason", (Record.Flags & SockFlags.Reset) != 0 ? Record.Aux0 : FieldValue.None);
        visitor.Field("wmem", Record.WriteMemory);
        visitor.Field("rmem", Record.ReadMemory);
        visitor.Field("rcvbuf", (Record.Flags & SockFlags.FromSkb) == 0 ? Record.RcvBuf : FieldValue.None);
        // TCP prunes, then drops, what arrives once the allocated bytes pass the limit (tcp_try_rmem_schedule).
        visitor.Field("rcvbuf_full", (Record.Flags & SockFlags.FromSkb) == 0 && Record.RcvBuf > 0 ? (Record.ReadMemory > Record.RcvBuf ? 1 : 0) : FieldValue.None);
        visitor.Field("timer", TcpNames.Timer(Record.Timer));
        visitor.Field("old_state", (Record.Flags & SockFlags.States) != 0 ? TcpNames.State(Record.Aux0) : null);
        visitor.Field("new_state", (Record.Flags & SockFlags.States) != 0 ? TcpNames.State(Record.Aux1) : null);
        visitor.Field("accept_queue", Listener ? Record.Aux0 : FieldValue.None);
        visitor.Field("accept_backlog", Listener ? Record.Aux1 : FieldValue.None);
        // The kernel's sk_acceptq_is_full: more connections wait than the backlog allows.
        visitor.Field("accept_queue_full", Listener ? (Record.Aux0 > Record.Aux1 ? 1 : 0) : FieldValue.None);
        visitor.Field("sock", (Record.Flags & SockFlags.FromSkb) != 0 ? "none" : null);
    }

    private bool Listener => (Record.Flags & SockFlags.Backlog) != 0;

    private IPAddress Address(SockRecord.Address16 bytes)
    {
        ReadOnlySpan<byte> all = bytes;
        return new IPAddress(IsIPv6 ? all : all[..4]);
    }
}
