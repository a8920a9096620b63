using NetTrace.Bpf.PacketFilter;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Session.Filters.Pcap;

/// <summary>
/// A tcpdump filter expression (pcap-filter(7)), compiled by libpcap to classic BPF for packets that begin with their
/// IP header (nettrace's records carry the packet from L3) or, for a frame with its link layer, Ethernet.
/// </summary>
internal sealed class PcapExpression
{
    private PcapExpression(string text, CbpfInstruction[] program)
    {
        Text = text;
        Program = program;
    }

    private static Compiled? s_last; // one reference, replaced whole: threads never see half of it

    private sealed record Compiled(string Text, int LinkType, PcapExpression Expression);

    public string Text { get; }

    /// <summary>The classic BPF program: it returns non-zero for a packet the expression selects.</summary>
    public CbpfInstruction[] Program { get; }

    /// <summary>Compiles <paramref name="text"/>; a <see cref="UsageException"/> with libpcap's own message when it is not valid.</summary>
    public static PcapExpression Compile(string text, int linkType = PcapCompiler.RawIp)
    {
        // The command line's check compiles it, then the session: the second time is the first's result.
        if (s_last is { } last && last.Text == text && last.LinkType == linkType)
            return last.Expression;
        try
        {
            var expression = new PcapExpression(text, PcapCompiler.Compile(text, linkType));
            s_last = new Compiled(text, linkType, expression);
            return expression;
        }
        catch (PcapCompileException e)
        {
            throw new UsageException($"filter expression '{text}': {e.Message}");
        }
    }

    /// <summary>Whether the expression selects <paramref name="packet"/> (captured bytes) of <paramref name="wireLength"/> bytes.</summary>
    public bool Matches(ReadOnlySpan<byte> packet, uint wireLength) => CbpfInterpreter.Run(Program, packet, wireLength) != 0;
}
