using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Drop;

/// <summary>Reads the drop fields that follow the common packet prefix.</summary>
public sealed class DropDecoder : IEventDecoder
{
    public ITraceEvent? Decode(in RecordView record)
    {
        if (record.Header.Kind != DropRecord.Kind || record.Tail.Length < Marshal.SizeOf<DropRecord>())
            return null;
        var drop = MemoryMarshal.Read<DropRecord>(record.Tail);
        return DropEvent.Rent(record.Meta, record.Packet, drop);
    }
}
