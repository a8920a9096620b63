using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine.Config;

/// <summary>Mirror of <c>struct nt_filter</c> (bpf/include/nt_config.h); checked against BTF by a test.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NtFilter
{
    public fixed byte SourceAddress[16];
    public fixed byte DestinationAddress[16];
    public fixed byte AnyAddress[16];
    public byte SourceFamily;
    public byte DestinationFamily;
    public byte AnyFamily;
    public byte L4Protocol;
    public ushort L3Protocol;
    public ushort SourcePort;
    public ushort DestinationPort;
    public ushort AnyPort;
    public ushort PacketLengthMin;
    public ushort PacketLengthMax;
    public byte TcpFlags;
    public byte Pcap; // a filter expression is written into the objects (nt_pcap.h)
    private fixed byte _pad0[6];
    public uint Netns;
    public uint Pid;
    public uint Mark;
    public uint MarkMask; // 0: no --mark
    public fixed byte IfName[16]; // --ifname, NUL-padded; empty: any device
}
