using System.Runtime.InteropServices;
using NetTrace.Bpf.PacketFilter;

namespace NetTrace.Bpf.Interop;

/// <summary>libpcap (Debian's libpcap0.8), for its filter compiler and, in tests, its own cBPF interpreter.</summary>
internal static unsafe partial class LibPcap
{
    public const string Library = "libpcap.so.0.8";

    /// <summary>DLT_RAW: packets that begin with their IPv4 or IPv6 header (12 on Linux).</summary>
    public const int LinkTypeRaw = 12;

    /// <summary>DLT_EN10MB: Ethernet frames.</summary>
    public const int LinkTypeEthernet = 1;

    /// <summary>PCAP_NETMASK_UNKNOWN: "ip broadcast" cannot be compiled without a netmask, everything else can.</summary>
    public const uint NetmaskUnknown = 0xffffffff;

    /// <summary>struct bpf_program.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Program
    {
        public uint Length;
        public CbpfInstruction* Instructions;
    }

    /// <summary>struct pcap_pkthdr on LP64: a struct timeval, then caplen and len.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public long Seconds;
        public long Microseconds;
        public uint CapturedLength;
        public uint Length;
    }

    [LibraryImport(Library)]
    public static partial nint pcap_open_dead(int linktype, int snaplen);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pcap_compile(nint pcap, Program* program, string expression, int optimize, uint netmask);

    [LibraryImport(Library)]
    public static partial byte* pcap_geterr(nint pcap);

    [LibraryImport(Library)]
    public static partial void pcap_freecode(Program* program);

    [LibraryImport(Library)]
    public static partial int pcap_offline_filter(Program* program, PacketHeader* header, byte* packet);

    [LibraryImport(Library)]
    public static partial void pcap_close(nint pcap);
}
