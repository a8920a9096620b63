using System.Runtime.InteropServices;
using System.Text;

namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of <c>struct nt_pkt_meta</c>: where and when a packet was seen.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct PacketMeta
{
    /// <summary>CLOCK_MONOTONIC nanoseconds (bpf_ktime_get_ns).</summary>
    public ulong Timestamp;
    public ulong Skb;
    public uint Pid;
    public uint Cpu;
    public uint Netns;
    public uint IfIndex;
    public fixed byte Comm[16];
    public fixed byte IfName[16];

    public readonly string CommText
    {
        get { fixed (byte* p = Comm) { return FixedNameCache.Get(new ReadOnlySpan<byte>(p, 16)); } }
    }

    public readonly string IfNameText
    {
        get { fixed (byte* p = IfName) { return FixedNameCache.Get(new ReadOnlySpan<byte>(p, 16)); } }
    }
}
