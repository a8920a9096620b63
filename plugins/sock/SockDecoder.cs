using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Sock;

/// <summary>Reads the sock record (not packet-shaped: the tail is everything after the header).</summary>
public sealed class SockDecoder : IEventDecoder
{
    public ITraceEvent? Decode(in RecordView record)
    {
        if (record.Header.Kind != SockRecord.Kind || record.Tail.Length < Marshal.SizeOf<SockRecord>())
            return null;
        var sock = MemoryMarshal.Read<SockRecord>(record.Tail);
        if (sock.Trace >= SockCatalogue.Traces.Count || sock.Family is not (4 or 6))
            return null;
        return new SockEvent(sock, SockCatalogue.Traces[sock.Trace].Name);
    }
}
