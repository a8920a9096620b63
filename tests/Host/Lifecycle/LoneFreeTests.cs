using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// Skbs first seen as they are freed. Without kprobes skb_clone is not traced: a ping to a next hop not yet resolved
/// has its request cloned for the ARP probe (freed before the request leaves), and the raw socket's clone of a reply
/// is freed after the reply. Neither may show up as a context of its own; a packet socket's copy, freed while the
/// request is transmitted, joins the request's context.
/// </summary>
public sealed class LoneFreeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private const string Header = @"^\*{17} ([0-9a-f]{16}(?:,[0-9a-f]{16})*) \*{15}$";
    private const string HitLine = @"^\[\d+\.\d{6}\] ";

    [RootFact]
    public void Diag_PingToUnresolvedNeighbour_NoContextOfALoneConsumeAndNoFalseAlarm()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("--diag", "-p", "icmp", "--addr", net.ServerIp);

        net.In(net.Client, $"ping -c 2 -i 0.2 -W 2 {net.ServerIp}", check: false);

        // The reply is freed by ping_rcv with NO_SOCKET (ping reads its raw socket's clone): a benign free since
        // issue 21, so no ERROR ends the session: Ctrl-C does, once the request's context is there.
        string request = $@"ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: 1, id: \d+";
        Assert.True(nettrace.WaitForLine(request, EventTimeout), nettrace.Describe());
        Thread.Sleep(1000);
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var contexts = Contexts(nettrace.Stdout);
        Assert.DoesNotContain(contexts, c => c.Hits.Count == 1 && Regex.IsMatch(c.Hits[0], @"\[consume_skb\s*\]"));
        Assert.Contains(contexts, c => c.Hits.Count > 1 && c.Hits.All(h => Regex.IsMatch(h, request)));
        Assert.Contains("this is a good packet!", nettrace.Stdout);
        Assert.DoesNotContain(nettrace.Stdout, l => Regex.IsMatch(l, @"^\[\d+\] ERROR happens in "));
        if (!Capabilities.HasKprobes)
            Assert.Matches(@"nettrace: \d+ events, \d+ packets, 0 lost, [1-9]\d* lone frees? left out", nettrace.Stderr);
    }

    [RootFact]
    public void Lifecycle_PacketSocketCopy_JoinsTheRequestsContext()
    {
        using var net = new NetnsPair();
        string dir = Directory.CreateTempSubdirectory("nt-packet-socket").FullName;
        try
        {
            // An AF_PACKET socket whose filter takes nothing: the copy made for it as each packet is sent is freed at once.
            string script = Path.Combine(dir, "tap.pl");
            File.WriteAllText(script, """
                socket(my $s, 17, 3, 0x0300) or die "socket: $!";
                my $reject = pack("S C C L", 6, 0, 0, 0);
                setsockopt($s, 1, 26, pack("S x6 P", 1, $reject)) or die "SO_ATTACH_FILTER: $!";
                open(my $ready, ">", $ARGV[0]) or die "$ARGV[0]: $!";
                close($ready);
                sleep 60;
                """);
            string ready = Path.Combine(dir, "ready");
            using var nettrace = NettraceProcess.StartTracing("-p", "icmp", "--saddr", net.ClientIp, "--detail");

            net.In(net.Client, $"perl {script} {ready} & tap=$!; while [ ! -e {ready} ] && kill -0 $tap; do sleep 0.05; done; " +
                               $"ping -c 1 -W 2 {net.ServerIp}; kill $tap", check: false);

            string request = $@"ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: 1, id: \d+";
            Assert.True(nettrace.WaitForLine(@"\[consume_skb\s*\].*\] " + request + "$", EventTimeout), nettrace.Describe());
            nettrace.Stop();
            var contexts = Contexts(nettrace.Stdout);
            var joined = Assert.Single(contexts, c => c.Skbs.Length == 2);
            // The copy's only hit is its free, on the second address of the header.
            Assert.Single(joined.Hits, h => h.Contains($"] [{joined.Skbs[1]}][consume_skb", StringComparison.Ordinal));
            Assert.Contains(joined.Hits, h => Regex.IsMatch(h, $@"\] \[{joined.Skbs[0]}\]\[(net_dev_queue|__dev_queue_xmit)\s*\]"));
            Assert.DoesNotContain(contexts, c => c.Hits.Count == 1 && Regex.IsMatch(c.Hits[0], @"\[consume_skb\s*\]"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The printed contexts: each header's skb addresses and the hit lines under it.</summary>
    private static List<(string[] Skbs, List<string> Hits)> Contexts(IEnumerable<string> stdout)
    {
        var contexts = new List<(string[] Skbs, List<string> Hits)>();
        foreach (string line in stdout)
        {
            if (Regex.Match(line, Header) is { Success: true } header)
                contexts.Add((header.Groups[1].Value.Split(','), []));
            else if (contexts.Count > 0 && Regex.IsMatch(line, HitLine))
                contexts[^1].Hits.Add(line);
        }
        return contexts;
    }
}
