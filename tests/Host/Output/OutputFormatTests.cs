using System.Text.Json;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Output;

/// <summary>--json, --output and --pcap on real drops and lifecycles in a namespace pair.</summary>
public sealed class OutputFormatTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"nt-{Environment.ProcessId}-{name}");

    /// <summary>Starts nettrace whose "begin trace..." goes to stderr (--json) and waits for it.</summary>
    private static NettraceProcess StartQuiet(params string[] args)
    {
        var nettrace = NettraceProcess.Start(args);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!nettrace.Stderr.Contains("begin trace...", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException("nettrace did not begin tracing:\n" + nettrace.Describe());
            Thread.Sleep(50);
        }
        return nettrace;
    }

    [RootFact]
    public void Drop_Json_EveryFieldOfTheDrop()
    {
        using var net = new NetnsPair();
        using var nettrace = StartQuiet("--drop", "--json", "-p", "tcp", "--dport", "9977");

        net.Connect(net.ServerIp, 9977);

        Assert.True(nettrace.WaitForLine("\"reason\":\"NO_SOCKET\"", EventTimeout), nettrace.Describe());
        nettrace.Stop("TERM");
        var lines = nettrace.Stdout.Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.StartsWith("{", l)); // nothing but JSON on stdout
        using var doc = JsonDocument.Parse(lines.First(l => l.Contains("NO_SOCKET", StringComparison.Ordinal)));
        var e = doc.RootElement;
        Assert.Equal(1, e.GetProperty("v").GetInt32());
        Assert.Equal("event", e.GetProperty("type").GetString());
        Assert.Equal("kfree_skb", e.GetProperty("function").GetString());
        Assert.Equal("drop", e.GetProperty("group").GetString());
        Assert.StartsWith("0x", e.GetProperty("skb").GetString());
        Assert.Equal(net.Inode(net.Server), e.GetProperty("netns").GetUInt32());
        Assert.Matches(@"^\d+\.\d{6}$", e.GetProperty("time").GetString());
        Assert.True(e.GetProperty("time_ns").GetUInt64() > 0);
        var p = e.GetProperty("packet");
        Assert.Equal("TCP", p.GetProperty("proto").GetString());
        Assert.Equal(net.ClientIp, p.GetProperty("saddr").GetString());
        Assert.Equal(net.ServerIp, p.GetProperty("daddr").GetString());
        Assert.Equal(9977, p.GetProperty("dport").GetInt32());
        Assert.Equal("S", p.GetProperty("tcp_flags").GetString());
        Assert.Equal(0u, p.GetProperty("ack").GetUInt32());
        Assert.Contains($"-> {net.ServerIp}:9977", p.GetProperty("text").GetString());
        Assert.Matches(@"^tcp_v[46]_rcv\+0x[0-9a-f]+$", e.GetProperty("location").GetString());
    }

    [RootFact]
    public void Drop_Pcap_TsharkReadsAddressesPortsAndComments()
    {
        if (!File.Exists("/usr/bin/tshark"))
        {
            Assert.False(Capabilities.IsCi, "tshark is missing; ./test.sh installs it");
            return;
        }
        string pcap = Temp("drop.pcapng");
        try
        {
            using var net = new NetnsPair();
            using var nettrace = NettraceProcess.StartTracing("--drop", "--pcap", pcap, "-p", "tcp", "--dport", "9976");
            net.Connect(net.ServerIp, 9976);
            Assert.True(nettrace.WaitForLine("reason: NO_SOCKET", EventTimeout), nettrace.Describe());
            nettrace.Stop("TERM");

            string fields = Shell.Run($"tshark -r {pcap} -T fields -e ip.src -e ip.dst -e tcp.dstport -e tcp.flags.syn");
            Assert.Contains($"{net.ClientIp}\t{net.ServerIp}\t9976\t1", fields);
            string verbose = Shell.Run($"tshark -r {pcap} -V");
            Assert.Matches($@"kfree_skb location=tcp_v[46]_rcv\+0x[0-9a-f]+ reason=NO_SOCKET netns={net.Inode(net.Server)}", verbose);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    [RootFact]
    public void Output_File_HasEverythingAfterSigterm()
    {
        string output = Temp("out.txt");
        try
        {
            using var net = new NetnsPair();
            using var nettrace = NettraceProcess.Start("--drop", "--output", output, "-p", "tcp", "--dport", "9975");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(File.Exists(output) && File.ReadAllText(output).Contains("begin trace...", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                Thread.Sleep(50);
            net.Connect(net.ServerIp, 9975);
            Thread.Sleep(500);
            nettrace.Stop("TERM");

            Assert.DoesNotContain(nettrace.Stdout, l => l.Length > 0);
            string text = File.ReadAllText(output);
            Assert.StartsWith("begin trace...\n", text);
            Assert.Matches($@"TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:9975 seq:\d+, ack:0, flags:S, reason: NO_SOCKET", text);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [RootFact]
    public void Diag_Json_EventsCarryTheirContextAndTheFindingFollows()
    {
        using var net = new NetnsPair();
        using var nettrace = StartQuiet("--diag", "--json", "-p", "tcp", "--saddr", net.ClientIp, "--dport", "9974");

        net.Connect(net.ServerIp, 9974);

        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        var records = nettrace.Stdout.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var events = records.Where(r => r.GetProperty("type").GetString() == "event").ToList();
        Assert.NotEmpty(events);
        var kfree = Assert.Single(events, e => e.GetProperty("trace").GetString() == "kfree_skb");
        string context = kfree.GetProperty("context").GetString()!;
        // The SYN's whole path is one context: sent, received, dropped.
        Assert.True(events.Count(e => e.GetProperty("context").GetString() == context) >= 3, nettrace.Describe());
        Assert.Contains("packet is dropped by kernel", kfree.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
        var finding = records.First(r => r.GetProperty("type").GetString() == "finding");
        Assert.Equal("ERROR", finding.GetProperty("level").GetString());
        Assert.Equal("NO_SOCKET", finding.GetProperty("reason").GetString());
        Assert.Equal(context, finding.GetProperty("context").GetString());
    }
}
