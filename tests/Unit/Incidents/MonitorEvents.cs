using System.Net;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>The events a monitor hands to its incident triggers: the real drop and socket events of the plugins.</summary>
internal static class MonitorEvents
{
    public static DropEvent Drop(PacketInfo? packet, uint reason, ulong location = 0) =>
        new(new PacketMeta { Timestamp = 1_000 }, packet, new DropRecord { Reason = reason, Location = location, StackId = -1 });

    /// <param name="state">TCP_* state number (1 is ESTABLISHED).</param>
    public static SockEvent Sock(string trace, string source, ushort sport, string destination, ushort dport,
        byte state = 1, uint rttUs = 0, uint srttUs = 0)
    {
        var r = new SockRecord
        {
            SourcePort = sport,
            DestinationPort = dport,
            State = state,
            RttMicroseconds = rttUs,
            SrttMicroseconds = srttUs,
        };
        byte[] s = IPAddress.Parse(source).GetAddressBytes();
        byte[] d = IPAddress.Parse(destination).GetAddressBytes();
        r.Family = (byte)(s.Length == 4 ? 4 : 6);
        s.CopyTo((Span<byte>)r.SourceAddress);
        d.CopyTo((Span<byte>)r.DestinationAddress);
        return new SockEvent(r, trace);
    }
}
