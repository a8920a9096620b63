using NetTrace.Abstractions.Rules;

namespace NetTrace.Tests.Unit.Rules;

public class RuleMatchingTests
{
    private static bool Matches(string condition, params (string, object)[] fields) =>
        RuleTestKit.Single($"rule r on kfree_skb when {condition} error \"m\"").Matches(new FakeRuleEvent("kfree_skb", "life", fields));

    [Theory]
    [InlineData("ret == NF_DROP", 0L, true)]
    [InlineData("ret == NF_DROP", 1L, false)]
    [InlineData("ret != 0", 5L, true)]
    [InlineData("ret < 0", -1L, true)]
    [InlineData("ret <= -1", -1L, true)]
    [InlineData("ret > 0x10", 17L, true)]
    [InlineData("ret >= 0x10", 15L, false)]
    [InlineData("ret == -9223372036854775808", long.MinValue, true)]
    [InlineData("ret == 0xffffffffffffffff", -1L, true)]
    [InlineData("ret == NF_REPEAT", 4L, true)]
    public void Matches_Numbers(string condition, long ret, bool expected)
    {
        Assert.Equal(expected, Matches(condition, ("ret", ret)));
    }

    [Theory]
    [InlineData("reason == \"NO_SOCKET\"", "NO_SOCKET", true)]
    [InlineData("reason == \"NO_SOCKET\"", "no_socket", false)]
    [InlineData("reason != \"NO_SOCKET\"", "TCP_CSUM", true)]
    [InlineData("reason == \"say \\\"hi\\\" \\\\o/\"", "say \"hi\" \\o/", true)]
    [InlineData("reason == \"\"", "", true)]
    public void Matches_Text_Ordinal(string condition, string reason, bool expected)
    {
        Assert.Equal(expected, Matches(condition, ("reason", reason)));
    }

    [Theory]
    [InlineData("ret == 0")]
    [InlineData("ret != 0")]
    [InlineData("reason == \"X\"")]
    [InlineData("reason != \"X\"")]
    [InlineData("ret exists")]
    public void Matches_AbsentField_ComparisonFalse(string condition)
    {
        Assert.False(Matches(condition));
    }

    [Fact]
    public void Matches_NotOfAbsentComparison_True()
    {
        Assert.True(Matches("not (pf == \"bridge\")"));
        Assert.False(Matches("not (pf == \"bridge\")", ("pf", "bridge")));
    }

    [Fact]
    public void Matches_FieldOfOtherType_Absent()
    {
        // The event carries "ret" as text: a number test does not see it.
        Assert.False(Matches("ret exists", ("ret", "0")));
        Assert.True(Matches("reason exists", ("reason", "")));
    }

    [Theory]
    [InlineData(1L, "ipv4", true)]
    [InlineData(1L, "bridge", false)]
    [InlineData(0L, "ipv4", false)]
    public void Matches_AndNot_BacklogExample(long ret, string pf, bool expected)
    {
        Assert.Equal(expected, Matches("ret != 0 and not (pf == \"bridge\")", ("ret", ret), ("pf", pf)));
    }

    [Theory]
    [InlineData("drop", "LOCAL_IN", 0L, true)]
    [InlineData("accept", "FORWARD", -1L, true)]
    [InlineData("accept", "FORWARD", 0L, false)]
    [InlineData("accept", "LOCAL_IN", -1L, false)]
    public void Matches_OrAndParentheses_FirewallExample(string verdict, string hook, long ret, bool expected)
    {
        Assert.Equal(expected,
            Matches("verdict == \"drop\" or (hook == \"FORWARD\" and ret < 0)", ("verdict", verdict), ("hook", hook), ("ret", ret)));
    }

    [Fact]
    public void Compile_BriefExamples_RulesCarryModelMetadata()
    {
        var compilation = RuleTestKit.Compile(RuleTestKit.Examples, "examples.rules");
        Assert.Empty(compilation.Diagnostics);
        var rules = compilation.Rules.ToDictionary(r => r.Name);
        var nft = rules["nft_drop"];
        Assert.Equal(("examples.rules", 2, FindingLevel.Error, "packet is dropped by iptables/iptables-nft", "check your iptables rule"),
            (nft.File, nft.Line, nft.Level, nft.Message, nft.Advice));
        Assert.Equal(["nft_do_chain"], nft.Traces);
        Assert.Null(nft.Group);
        Assert.True(nft.Matches(new FakeRuleEvent("nft_do_chain", "netfilter", ("ret", 0L))));
        Assert.Equal((FindingLevel.Warn, (string?)null), (rules["nat"].Level, rules["nat"].Advice));
        Assert.True(rules["nat"].Matches(new FakeRuleEvent("nf_nat_manip_pkt", "netfilter")));
        Assert.Equal(FindingLevel.Info, rules["freed"].Level);
    }

    [Fact]
    public void AppliesTo_MultiTraceAndGroupRules()
    {
        var rules = RuleTestKit.Compile(RuleTestKit.Examples).Rules.ToDictionary(r => r.Name);
        Assert.True(rules["backlog"].AppliesTo("enqueue_to_backlog", "link-in"));
        Assert.True(rules["backlog"].AppliesTo("netif_rx", "link-in"));
        Assert.False(rules["backlog"].AppliesTo("kfree_skb", "link-in"));
        Assert.Equal("netfilter", rules["fw"].Group);
        Assert.Empty(rules["fw"].Traces);
        Assert.True(rules["fw"].AppliesTo("nf_hook_slow", "netfilter"));
        Assert.True(rules["fw"].AppliesTo("anything_in_the_group", "netfilter"));
        Assert.False(rules["fw"].AppliesTo("nf_hook_slow", "life"));
    }

    [Fact]
    public void Compile_GeneratedSource_GoldenAndSourceMapped()
    {
        var compilation = RuleTestKit.Compile("# first\nrule nft_drop on nft_do_chain when ret == NF_DROP or reason exists\n  error \"dropped\"\n", "nf.rules");
        const string expectedClass = """
                [global::System.CodeDom.Compiler.GeneratedCode("nettrace-rules", "2.0")]
                public static class Rule0
                {
                    public const string Name = "nft_drop";
                    public const string File = "nf.rules";
                    public const int Line = 2;
                    public const string Level = "Error";
                    public const string Message = "dropped";

                    public static bool Matches(global::NetTrace.Abstractions.Rules.IRuleEvent e)
                    {
                        return
            #line (2, 36) - (2, 66) 17 "nf.rules"
                            ((e.TryGetNumber("ret", out long v0) && v0 == 0L) || e.TryGetText("reason", out _));
            #line default
                    }
                }
            """;
        Assert.Contains(expectedClass.ReplaceLineEndings("\n"), compilation.GeneratedSource);
    }

    [Fact]
    public void Compile_WriteGeneratedTo_WritesTheSource()
    {
        var path = Path.Combine(RuleTestKit.TempDirectory(), "out", "rules.g.cs");
        var compilation = RuleTestKit.Compile("rule r on x info \"m\"", options: new() { WriteGeneratedTo = path });
        Assert.Equal(compilation.GeneratedSource, File.ReadAllText(path));
    }
}
