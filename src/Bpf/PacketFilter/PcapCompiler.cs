using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.PacketFilter;

/// <summary>libpcap's filter compiler (pcap_compile on a dead handle): a filter expression to classic BPF.</summary>
public static unsafe class PcapCompiler
{
    /// <summary>Packets that begin with their IPv4 or IPv6 header (DLT_RAW).</summary>
    public const int RawIp = LibPcap.LinkTypeRaw;

    /// <summary>Ethernet frames (DLT_EN10MB).</summary>
    public const int Ethernet = LibPcap.LinkTypeEthernet;

    private const int SnapLength = 262144; // libpcap's largest: what an accepting program returns

    /// <summary>The program for <paramref name="expression"/>; a <see cref="PcapCompileException"/> with libpcap's own message.</summary>
    public static CbpfInstruction[] Compile(string expression, int linkType = RawIp)
    {
        nint pcap;
        try
        {
            pcap = LibPcap.pcap_open_dead(linkType, SnapLength);
        }
        catch (DllNotFoundException)
        {
            throw new PcapCompileException($"libpcap ({LibPcap.Library}) is not installed: apt install libpcap0.8");
        }
        if (pcap == 0)
            throw new PcapCompileException("libpcap could not be set up");
        try
        {
            var program = default(LibPcap.Program);
            if (LibPcap.pcap_compile(pcap, &program, expression, 1, LibPcap.NetmaskUnknown) != 0)
                throw new PcapCompileException(Marshal.PtrToStringUTF8((nint)LibPcap.pcap_geterr(pcap)) ?? "libpcap refused it");
            try
            {
                return new ReadOnlySpan<CbpfInstruction>(program.Instructions, (int)program.Length).ToArray();
            }
            finally
            {
                LibPcap.pcap_freecode(&program);
            }
        }
        finally
        {
            LibPcap.pcap_close(pcap);
        }
    }

    /// <summary>libpcap's own verdict (pcap_offline_filter) on a packet of which <paramref name="packet"/> was captured: the tests' reference.</summary>
    public static bool LibpcapSelects(ReadOnlySpan<CbpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength)
    {
        fixed (CbpfInstruction* instructions = program)
        fixed (byte* bytes = packet)
        {
            var native = new LibPcap.Program { Length = (uint)program.Length, Instructions = instructions };
            var header = new LibPcap.PacketHeader { CapturedLength = (uint)packet.Length, Length = wireLength };
            return LibPcap.pcap_offline_filter(&native, &header, bytes) != 0;
        }
    }
}

/// <summary>libpcap refused an expression; the message is its own.</summary>
public sealed class PcapCompileException(string message) : Exception(message);
