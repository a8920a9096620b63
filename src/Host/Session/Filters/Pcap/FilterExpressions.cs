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
                _ = PcapExpression.Compile(text);
            return null;
        }
        catch (UsageException e)
        {
            return e.Message;
        }
    }

    /// <summary>The expression as the eBPF written into the objects' stub; a <see cref="UsageException"/> when it cannot be.</summary>
    public static ulong[] KernelCode(string text)
    {
        var code = CbpfTranslator.Translate(PcapExpression.Compile(text).Program);
        if (code.Length > PacketFilterStub.Room)
            throw new UsageException($"filter expression '{text}' is too long for the kernel ({code.Length} eBPF instructions, room for "
                + $"{PacketFilterStub.Room}): split it, or move parts into -s/-d/-S/-D/-p");
        return code;
    }

    /// <summary>Writes the expression into every object the session opens, until disposed; nothing when <paramref name="text"/> is null.</summary>
    public static IDisposable InObjects(string? text, Action<string> report)
    {
        Bpf.BpfObject.PacketFilterCode = text is null ? null : KernelCode(text);
        Bpf.BpfObject.PacketFilterReport = report;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
            Bpf.BpfObject.PacketFilterCode = null;
            Bpf.BpfObject.PacketFilterReport = null;
        }
    }
}
