using System.Runtime.InteropServices;

namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of <c>struct nt_pkt</c>: the packet's first bytes from its network header.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct PacketCapture
{
    public const int Capacity = 128;

    /// <summary>EtherType in host byte order (0x0800, 0x86DD, 0x0806, ...).</summary>
    public ushort EtherType;

    /// <summary>How many bytes of <see cref="Data"/> are valid.</summary>
    public ushort CaptureLength;

    /// <summary>skb->len when the packet was seen.</summary>
    public uint Length;

    public fixed byte Data[Capacity];
}
