using NetTrace.Bpf;
using NetTrace.Bpf.PacketFilter;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Session.Filters.Pcap;
using NetTrace.Host.Session.Recording;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Filters;

/// <summary>
/// The translator fuzzed over packets the kernel itself captured: a session records a ping (IPv4 and IPv6), a SYN to a
/// closed port and its reset, and UDP datagrams between two namespaces; every distinct packet of the recording, as
/// nettrace keeps it (from the IP header, cut at its capture length, with its length on the wire), is judged by random
/// expressions from the grammar, in the kernel and by the interpreter `replay` uses, which must agree.
/// </summary>
public sealed class RecordedPacketFilterTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    [RootFact]
    public void Kernel_SelectsWhatTheInterpreterSelects_OnRecordedPackets()
    {
        string file = Path.Combine(Path.GetTempPath(), $"nt-fuzz-{Guid.NewGuid():N}.ntrec");
        try
        {
            var packets = RecordTraffic(file);
            Assert.True(packets.Count >= 5, $"the recording holds {packets.Count} distinct packets");
            NativeLibraries.Install();
            int compared = 0;
            foreach (string text in PcapExpressionCorpus.Random(60, seed: 23).Concat(PcapExpressionCorpus.Layer3.Take(20)))
            {
                // libpcap proves some random expressions match nothing; nettrace refuses those with a message.
                if (Compiled(text) is not { } expression)
                    continue;
                using var kernel = new KernelFilterRun(CbpfTranslator.Translate(expression.Program));
                foreach (var (raw, wire) in packets)
                {
                    bool user = expression.Matches(raw, wire);
                    Assert.True(kernel.Selects(raw, wire) == user,
                        $"'{text}' on a recorded packet of {wire} bytes ({Convert.ToHexString(raw)}): the interpreter says {user}, the kernel the opposite");
                    compared++;
                }
            }
            Assert.True(compared >= 60 * packets.Count, $"{compared} verdicts compared over {packets.Count} packets");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static PcapExpression? Compiled(string text)
    {
        try
        {
            return PcapExpression.Compile(text);
        }
        catch (NetTrace.Host.Errors.UsageException e) when (e.Message.EndsWith("expression rejects all packets", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>Traffic of several kinds recorded by --basic; the distinct packets (bytes from L3, wire length).</summary>
    private static List<(byte[] Raw, uint Wire)> RecordTraffic(string file)
    {
        using (var net = new NetnsPair())
        {
            using var nettrace = NettraceProcess.StartTracing("--basic", "--netns", net.Inode(net.Server).ToString(), "--record", file);
            net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);
            net.In(net.Client, $"ping -6 -c 1 -W 2 {net.ServerIp6}", check: false);
            net.Connect(net.ServerIp, 9);
            net.SendUdp(net.ServerIp, 9999, "recorded");
            net.SendUdp(net.ServerIp6, 9998, "recorded-over-ipv6");
            Assert.True(nettrace.WaitForLine(@"UDP: .*:9998$", EventTimeout), nettrace.Describe());
            nettrace.Stop();
            Assert.True(nettrace.WaitForExitCode(EventTimeout) == 0, nettrace.Describe());
        }
        using var reader = RecordingReader.Open(file);
        var hooks = reader.Header.Hooks
            .Select(h => new PlannedHook(new CatalogTrace(h.Id, Abstractions.Plugins.TraceGroup.Generic(h.Group, "", []), new(h.Trace, [])), Abstractions.Plugins.AttachTarget.Function(h.Point), h.Point, 0, 0, false))
            .ToList();
        var dispatcher = new EventDispatcher([new SkbEventDecoder(hooks).AsGroup()]) { KeepRawPackets = true };
        var seen = new HashSet<string>();
        var packets = new List<(byte[], uint)>();
        while (reader.TryRead(out var record))
        {
            if (dispatcher.Decode(record) is not { } decoded)
                continue;
            if (decoded.Event.Packet is { Raw: { Length: > 0 } raw } p)
            {
                uint wire = p.IpTotalLength != 0 ? (uint)p.IpTotalLength : (uint)raw.Length;
                if (seen.Add(Convert.ToHexString(raw) + "/" + wire))
                    packets.Add((raw.ToArray(), wire));
            }
            EventDispatcher.Release(decoded.Event);
        }
        return packets;
    }
}
