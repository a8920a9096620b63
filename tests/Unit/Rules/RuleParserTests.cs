using System.Text.RegularExpressions;
using NetTrace.Abstractions.Plugins;
using NetTrace.Rules.Syntax;

namespace NetTrace.Tests.Unit.Rules;

public class RuleParserTests
{
    private static string Model(string text, string file = "t.rules")
    {
        var syntax = RuleParser.Parse(new RuleSource(file, text));
        Assert.Empty(syntax.Errors);
        return ModelPrinter.Print(SyntaxLowering.Lower(syntax));
    }

    [Fact]
    public void Parse_BriefExamples_GoldenModel()
    {
        const string expected = """
            nft_drop @2:1 on nft_do_chain@2:18 when ret == NF_DROP @2:36-2:49 error "packet is dropped by iptables/iptables-nft" advice "check your iptables rule"
            nat @6:1 on nf_nat_manip_pkt@6:13 warn "NAT happens (packet address will change)"
            freed @9:1 on consume_skb@9:15 info "packet is freed (normally)"
            no_socket @12:1 on kfree_skb@12:19 when reason == "NO_SOCKET" @12:34-12:54 error "no socket is listening on the destination port" advice "check that the service is running and listening on that port"
            backlog @16:1 on enqueue_to_backlog@16:17,netif_rx@16:37 when (ret != 0 and not pf == "bridge") @16:51-16:83 error "the CPU backlog queue is full" advice "raise net.core.netdev_max_backlog"
            fw @20:1 on group netfilter when (verdict == "drop" or (hook == "FORWARD" and ret < 0)) @20:33-20:84 warn "..."
            """;
        Assert.Equal(expected, Model(RuleTestKit.Examples));
    }

    [Theory]
    [InlineData("p or q and r", "(p exists or (q exists and r exists))")]
    [InlineData("p and q or r", "((p exists and q exists) or r exists)")]
    [InlineData("not p and q", "(not p exists and q exists)")]
    [InlineData("not (p or q)", "not (p exists or q exists)")]
    [InlineData("not not p", "not not p exists")]
    [InlineData("((p))", "p exists")]
    [InlineData("p and q and r", "((p exists and q exists) and r exists)")]
    public void Parse_Precedence_OrLoosestThenAndThenNot(string condition, string expected)
    {
        var tests = Regex.Replace(condition, @"\b[pqr]\b", m => m.Value + " exists");
        Assert.Contains($" when {expected} @", Model($"rule r on x when {tests} info \"m\""));
    }

    [Theory]
    [InlineData("ret == 42", "ret == 42")]
    [InlineData("ret == -1", "ret == -1")]
    [InlineData("ret == 0x10", "ret == 16")]
    [InlineData("ret == 0XfF", "ret == 255")]
    [InlineData("ret == 0xffffffffffffffff", "ret == -1")]
    [InlineData("ret == -9223372036854775808", "ret == -9223372036854775808")]
    [InlineData("ret >= NULL", "ret >= NULL")]
    [InlineData("ret<=1", "ret <= 1")]
    [InlineData("ret>1", "ret > 1")]
    [InlineData("reason == \"a \\\"b\\\" \\\\c\"", "reason == \"a \\\"b\\\" \\\\c\"")]
    [InlineData("reason == \"# not a comment\"", "reason == \"# not a comment\"")]
    [InlineData("skb.len exists", "skb.len exists")]
    public void Parse_Values_Canonical(string condition, string expected)
    {
        Assert.Contains($" when {expected} @", Model($"rule r on x when {condition} info \"m\""));
    }

    [Fact]
    public void Parse_CommentsAndBlankLinesBetweenTokens_Ignored()
    {
        const string text = "\n\n  # leading\nrule # name next\n r1 # on next\n on\n\n a , # more\n b when # cond\n ret\n == # value\n 1 # level\n error # msg\n \"m\" # end\n# tail";
        Assert.Equal("r1 @4:1 on a@8:2,b@9:2 when ret == 1 @10:2-12:2 error \"m\"", Model(text));
    }

    [Fact]
    public void Parse_RulesOnOneLine_Separated()
    {
        Assert.Equal("a @1:1 on x@1:11 info \"1\"\nb @1:22 on y@1:32 warn \"2\" advice \"3\"",
            Model("rule a on x info \"1\" rule b on y warn \"2\" advice \"3\""));
    }

    [Fact]
    public void Parse_WindowsLineEndings_SamePositions()
    {
        Assert.Equal("r @2:1 on x@2:11 when ret == 1 @3:8-3:15 info \"m\"",
            Model("# c\r\nrule r on x\r\n  when ret == 1\r\n  info \"m\"\r\n"));
    }

    [Fact]
    public void Parse_ShippedPluginRules_NoSyntaxErrors()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "NetTraceFramework.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        var files = Directory.GetFiles(Path.Combine(root, "plugins"), "*.rules", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var syntax = RuleParser.Parse(new RuleSource(path, File.ReadAllText(path)));
            Assert.Empty(syntax.Errors.Select(e => e.ToString()));
            Assert.NotEmpty(syntax.Rules);
        }
    }
}
