using System.Runtime.InteropServices;

namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of <c>struct nt_record_hdr</c> (bpf/include/nt_event.h): starts every record.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RecordHeader
{
    /// <summary>The trace group that emitted the record (<see cref="Plugins.TraceGroup.Owner"/>).</summary>
    public ushort Owner;

    /// <summary>The group's own record kind.</summary>
    public ushort Kind;

    /// <summary>Size of the whole record in bytes, header included.</summary>
    public uint Size;
}
