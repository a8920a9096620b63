using System.Text.Json;
using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Sock;

/// <summary>
/// --rtt on this kernel: a bulk TCP transfer between two namespaces while the kernel counts RTT samples in its
/// histogram (tcp_ack_update_rtt's with kprobes, else tcp_probe's srtt, which nettrace says on stderr).
/// </summary>
public sealed class RttHistogramTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private const string Row = @"^ +(\d+(?:\.\d{3})? - \d+(?:\.\d{3})?(?:us|ms|s)): (\d+) +(\d\.\d{4})$";

    private static void Transfer(NetnsPair net, int port)
    {
        net.In(net.Server, $"timeout 10 socat -u TCP-LISTEN:{port},reuseaddr OPEN:/dev/null >/dev/null 2>&1 &", check: false);
        Thread.Sleep(300);
        net.In(net.Client, $"head -c 200000 /dev/zero | timeout 5 socat -u - TCP:{net.ServerIp}:{port}", check: false);
    }

    /// <summary>The last histogram printed: its total and each row's count.</summary>
    private static (ulong Total, List<ulong> Counts) LastHistogram(IReadOnlyList<string> stdout)
    {
        int header = stdout.ToList().FindLastIndex(l => l.StartsWith("rtt distribution:", StringComparison.Ordinal));
        Assert.True(header >= 0, string.Join('\n', stdout));
        ulong total = ulong.Parse(stdout[header]["rtt distribution:".Length..].Trim());
        var counts = stdout.Skip(header + 1).TakeWhile(l => Regex.IsMatch(l, Row)).Select(l => ulong.Parse(Regex.Match(l, Row).Groups[2].Value)).ToList();
        return (total, counts);
    }

    [RootFact]
    public void Rtt_BulkTransfer_TotalIsTheSumOfTheBuckets()
    {
        using var net = new NetnsPair();
        const int port = 15021;
        using var nettrace = NettraceProcess.StartTracing("--rtt", "-p", "tcp", "--port", port.ToString());

        Transfer(net, port);

        Assert.True(nettrace.WaitForLine(@"^rtt distribution: +[1-9]\d*$", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var (total, counts) = LastHistogram(nettrace.Stdout);
        Assert.True(total > 0, nettrace.Describe());
        Assert.Equal(total, counts.Aggregate(0UL, (sum, n) => sum + n));
        Assert.True(counts[0] > 0 && counts[^1] > 0, "the rows run from the first bucket with a count to the last\n" + nettrace.Describe());
        Assert.Equal("end trace...", nettrace.Stdout.Last(l => l.Length > 0));
        Assert.Contains($"nettrace: {total} RTT samples counted", nettrace.Stderr);
        if (!Capabilities.HasKprobes)
            Assert.Contains("--rtt counts the smoothed RTT (srtt) of the tcp_probe tracepoint", nettrace.Stderr);
    }

    [RootFact]
    public void Rtt_SrttFilterAboveEverySample_CountsNothing()
    {
        using var net = new NetnsPair();
        const int port = 15022;
        using var nettrace = NettraceProcess.StartTracing("--rtt", "--filter-srtt", "10000", "-p", "tcp", "--port", port.ToString());

        Transfer(net, port);
        nettrace.Stop();

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var (total, counts) = LastHistogram(nettrace.Stdout);
        Assert.Equal(0UL, total);
        Assert.Empty(counts);
        Assert.Contains("nettrace: 0 RTT samples counted", nettrace.Stderr);
    }

    [RootFact]
    public void RttJson_BulkTransfer_OneObjectPerHistogram()
    {
        using var net = new NetnsPair();
        const int port = 15023;
        using var nettrace = NettraceProcess.StartTracingJson("--rtt", "--json", "-p", "tcp", "--port", port.ToString());

        Transfer(net, port);

        Assert.True(nettrace.WaitForLine("\"total\":[1-9]", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        var lines = nettrace.Stdout.Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.StartsWith("{", l)); // "end trace..." goes to stderr
        using var last = JsonDocument.Parse(lines[^1]);
        var root = last.RootElement;
        Assert.Equal("rtt_histogram", root.GetProperty("type").GetString());
        ulong total = root.GetProperty("total").GetUInt64();
        Assert.True(total > 0);
        Assert.Equal(total, root.GetProperty("buckets").EnumerateArray().Aggregate(0UL, (sum, b) => sum + b.GetProperty("count").GetUInt64()));
        Assert.Contains("end trace...", nettrace.Stderr);
    }
}
