using NetTrace.Bpf.PacketFilter;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Session.Filters.Pcap;

/// <summary>The user's filter expression, from its text to the eBPF the objects carry.</summary>
internal static class FilterExpressions
{
    /// <summary>
    /// libpcap's complaint about <paramref name="text"/>, or, for the <paramref name="kernel"/>, why it cannot hold it;
    /// null when it is fine (or absent).
    /// </summary>
    public static string? Check(string? text, bool kernel = true)
    {
        if (text is null)
            return null;
        try
        {
            if (kernel)
                _ = KernelCode(text);
            else
                _ = PcapExpression.ForRecordings(text);
            return null;
        }
        catch (UsageException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The expression as the eBPF written into the objects' stubs: over the IP header and over Ethernet frames, as
    /// libpcap can say it (<see cref="PcapExpression.ForPackets"/>); a <see cref="UsageException"/> when it cannot be.
    /// </summary>
    public static KernelExpression KernelCode(string text)
    {
        var (ip, frame) = PcapExpression.ForPackets(text);
        return new KernelExpression(Translate(text, ip), Translate(text, frame));
    }

    /// <summary>nt_filter.pcap for <paramref name="text"/>: 0 without one.</summary>
    public static byte Mode(string? text) => text is null ? (byte)0 : KernelCode(text).Mode;

    private static ulong[]? Translate(string text, PcapExpression? expression)
    {
        if (expression is null)
            return null;
        var code = CbpfTranslator.Translate(expression.Program);
        if (code.Length > PacketFilterStub.Room)
            throw new UsageException($"filter expression '{text}' is too long for the kernel ({code.Length} eBPF instructions, room for "
                + $"{PacketFilterStub.Room}): split it, or move parts into -s/-d/-S/-D/-p");
        return code;
    }

    /// <summary>Writes the expression into every object the session opens, until disposed; nothing when <paramref name="text"/> is null.</summary>
    public static IDisposable InObjects(string? text, Action<string> report)
    {
        var code = text is null ? null : KernelCode(text);
        Bpf.BpfObject.PacketFilterCode = code?.Ip;
        Bpf.BpfObject.FrameFilterCode = code?.Frame;
        Bpf.BpfObject.PacketFilterReport = report;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
            Bpf.BpfObject.PacketFilterCode = null;
            Bpf.BpfObject.FrameFilterCode = null;
            Bpf.BpfObject.PacketFilterReport = null;
        }
    }
}

/// <summary>The expression's eBPF for the kernel: over the IP header (null: only the link layer answers it) and over Ethernet frames.</summary>
internal sealed record KernelExpression(ulong[]? Ip, ulong[]? Frame)
{
    /// <summary>nt_filter.pcap: NT_PCAP_L3 (the IP header's program, the frame's for non-IP packets), or NT_PCAP_L2 (frames only).</summary>
    public byte Mode => Ip is null ? (byte)2 : (byte)1;
}
