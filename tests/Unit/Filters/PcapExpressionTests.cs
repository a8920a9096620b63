using NetTrace.Bpf.PacketFilter;
using NetTrace.Tests.Shared;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Filters.Pcap;

namespace NetTrace.Tests.Unit.Filters;

/// <summary>
/// tcpdump filter expressions: libpcap compiles them, nettrace's own cBPF interpreter runs them, and on every packet of
/// the corpus its verdict is libpcap's own (pcap_offline_filter); a bad expression is libpcap's message.
/// </summary>
public sealed class PcapExpressionTests
{
    public static TheoryData<string> Layer3Expressions => new(PcapExpressionCorpus.Layer3);

    public static TheoryData<string> RandomExpressions => new(PcapExpressionCorpus.Random(60, seed: 7).Distinct());

    public static TheoryData<string> Layer2Expressions => new()
    {
        "arp", "not arp", "vlan 100 and udp", "vlan", "vlan 200", "vlan and tcp", "ether host 02:00:00:00:00:01",
        "ether proto 0x0806", "arp host 10.77.0.2", "ip and udp port 53", "ip6 and icmp6", "ether dst 02:00:00:00:00:02 and tcp",
    };

    [Theory]
    [MemberData(nameof(Layer3Expressions))]
    public void Layer3_VerdictIsLibpcaps(string expression) =>
        AssertSameVerdicts(PcapExpression.Compile(expression), PcapPackets.Layer3);

    [Theory]
    [MemberData(nameof(RandomExpressions))]
    public void Random_VerdictIsLibpcaps(string expression)
    {
        // libpcap refuses what its optimiser proves selects nothing ("tcp and icmp"), as tcpdump does.
        var e = Record.Exception(() => AssertSameVerdicts(PcapExpression.Compile(expression), PcapPackets.Layer3));
        Assert.True(e is null || e.Message.EndsWith("expression rejects all packets", StringComparison.Ordinal), e?.ToString());
    }

    [Theory]
    [MemberData(nameof(Layer2Expressions))]
    public void Layer2_VerdictIsLibpcaps(string expression) =>
        AssertSameVerdicts(PcapExpression.Compile(expression, PcapCompiler.Ethernet), PcapPackets.Layer2);

    [Fact]
    public void Verdicts_SelectWhatTheExpressionSays()
    {
        var syn443 = PcapExpression.Compile("tcp and dst port 443");
        var corpus = PcapPackets.Layer3.ToDictionary(p => p.Name, p => p.Bytes);

        Assert.True(syn443.Matches(corpus["tcp syn 10.0.0.1:1234 > 10.77.0.2:443"], 40));
        Assert.True(syn443.Matches(corpus["tcp6 syn"], 60));
        Assert.False(syn443.Matches(corpus["tcp rst 10.77.0.2:443 > 10.0.0.1:1234"], 40));
        Assert.False(syn443.Matches(corpus["tcp cut after the ip header"], 40)); // the port lies beyond what was captured
        Assert.True(PcapExpression.Compile("tcp[tcpflags] & tcp-rst != 0").Matches(corpus["tcp rst 10.77.0.2:443 > 10.0.0.1:1234"], 40));
        Assert.True(PcapExpression.Compile("vlan 100 and udp", PcapCompiler.Ethernet)
            .Matches(PcapPackets.Layer2.Single(p => p.Name == "vlan 100 udp").Bytes, 60));
    }

    [Theory]
    [InlineData("tcp port 80", true, false)] // no non-IP packet is decided otherwise: the IP header's program alone
    [InlineData("not tcp", true, false)]
    [InlineData("not arp", true, true)]      // over the IP header ARP is "not arp"; over the frame it is ARP
    [InlineData("arp or icmp", true, true)]
    [InlineData("vlan 100 and udp", false, true)]
    [InlineData("ether host 02:00:00:00:00:01", false, true)]
    [InlineData("arp", false, true)] // over the IP header libpcap proves it selects nothing
    public void ForPackets_TheIpHeadersProgramWhereLibpcapHasOne_AndTheFrames(string expression, bool ip, bool frame)
    {
        var (ipProgram, frameProgram) = PcapExpression.ForPackets(expression);
        var kernel = FilterExpressions.KernelCode(expression);

        Assert.Equal((ip, frame), (ipProgram is not null, frameProgram is not null));
        Assert.Equal((ip, frame), (kernel.Ip is not null, kernel.Frame is not null));
        Assert.Equal(ip ? 1 : 2, kernel.Mode); // NT_PCAP_L3 or NT_PCAP_L2
    }

    [Fact]
    public void ForPackets_InvalidForBoth_IsTheIpHeadersComplaint()
    {
        var e = Assert.Throws<UsageException>(() => PcapExpression.ForPackets("tcp and"));
        Assert.Equal("filter expression 'tcp and': can't parse filter expression: syntax error", e.Message);
    }

    [Theory]
    [InlineData("vlan 100")]
    [InlineData("ether src 02:00:00:00:00:01")]
    public void ForRecordings_ALinkLayerExpression_IsOneLineSayingWhy(string expression)
    {
        var e = Assert.Throws<UsageException>(() => PcapExpression.ForRecordings(expression));
        Assert.Contains("tests the link layer", e.Message);
        Assert.Equal(e.Message, FilterExpressions.Check(expression, kernel: false));
        Assert.Null(FilterExpressions.Check(expression, kernel: true));
    }

    [Theory]
    [InlineData("tcp and", "syntax error")]
    [InlineData("port 99999", "illegal port")]
    [InlineData("tcp[tcpflags] & tcp-nosuch != 0", "tcp-nosuch")]
    public void BadExpression_IsLibpcapsMessage(string expression, string message)
    {
        var e = Assert.Throws<UsageException>(() => PcapExpression.Compile(expression));
        Assert.StartsWith($"filter expression '{expression}': ", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static void AssertSameVerdicts(PcapExpression expression, IReadOnlyList<(string Name, byte[] Bytes)> packets)
    {
        foreach (var (name, bytes) in packets)
        {
            uint wire = (uint)bytes.Length + 14; // as if the capture had been cut, so len and caplen differ
            bool libpcap = PcapCompiler.LibpcapSelects(expression.Program, bytes, wire);
            uint ours = CbpfInterpreter.Run(expression.Program, bytes, wire);
            Assert.True(libpcap == (ours != 0), $"'{expression.Text}' on {name}: libpcap {libpcap}, nettrace {ours}");
        }
    }
}
