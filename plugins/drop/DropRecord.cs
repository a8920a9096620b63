using System.Runtime.InteropServices;

namespace NetTrace.Plugins.Drop;

/// <summary>Mirror of the fields <c>struct nt_drop_event</c> (bpf/drop.h) adds after the packet prefix.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DropRecord
{
    public const ushort Kind = 1;

    public ulong Location;
    public uint Reason;
    public int StackId;
}
