using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>
/// Reads the fields after the packet prefix (the host has decoded the prefix into Meta and Packet). A record of
/// another size means the object and this assembly disagree: it is refused, and the host counts it as undecodable.
/// </summary>
public sealed class UdpDropDecoder : IEventDecoder
{
    public ITraceEvent? Decode(in RecordView record)
    {
        if (record.Header.Kind != UdpDropRecord.Kind || record.Header.Size != UdpDropRecord.RecordSize
            || record.Tail.Length < Marshal.SizeOf<UdpDropRecord>())
            return null;
        return new UdpDropEvent(record.Meta, record.Packet, MemoryMarshal.Read<UdpDropRecord>(record.Tail));
    }
}
