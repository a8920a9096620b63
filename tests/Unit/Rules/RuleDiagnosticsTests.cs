using NetTrace.Abstractions.Plugins;
using NetTrace.Rules;

namespace NetTrace.Tests.Unit.Rules;

public class RuleDiagnosticsTests
{
    private static string One(string text) => Assert.Single(RuleTestKit.Check(("t.rules", text)));

    [Theory]
    [InlineData("rule r on x info", "t.rules:1:17: error NTR0001: unexpected end of file; expected a \"quoted text\"")]
    [InlineData("rule on x info \"m\"", "t.rules:1:6: error NTR0001: unexpected 'on'; expected a rule name")]
    [InlineData("rule r x info \"m\"", "t.rules:1:8: error NTR0001: unexpected 'x'; expected 'on'")]
    [InlineData("rule r on kfree_skb whne ret == 1 error \"m\"", "t.rules:1:21: error NTR0001: unexpected 'whne'; expected 'when', 'info', 'warn' or 'error'")]
    [InlineData("rule r on kfree_skb when ret = 1 error \"m\"", "t.rules:1:30: error NTR0001: unexpected '='; expected 'exists', 'in', 'not' or a comparison (==, !=, <, <=, >, >=)")]
    [InlineData("rule r on kfree_skb when ret == 1 an reason == \"x\" error \"m\"", "t.rules:1:35: error NTR0001: unexpected 'an'; expected 'and', 'or', 'info', 'warn' or 'error'")]
    [InlineData("rule r on kfree_skb when (ret == 1 error \"m\"", "t.rules:1:36: error NTR0001: unexpected 'error'; expected ')'")]
    [InlineData("rule r on kfree_skb when ret == error \"m\"", "t.rules:1:33: error NTR0001: unexpected 'error'; expected a number, a \"quoted text\" or a constant name")]
    [InlineData("rule r on kfree_skb, when ret == 1 error \"m\"", "t.rules:1:22: error NTR0001: unexpected 'when'; expected a trace name")]
    [InlineData("rule r on group error \"m\"", "t.rules:1:17: error NTR0001: unexpected 'error'; expected a group name")]
    [InlineData("rule r on x error \"m\" adviec \"a\"", "t.rules:1:23: error NTR0001: unexpected 'adviec'; expected 'advice', 'rule' or end of file")]
    [InlineData("rule r on x error \"unterminated\nrule s on x info \"m\"", "t.rules:1:32: error NTR0001: the quoted text is not closed with '\"' on its line")]
    [InlineData("rule r on x error \"bad \\n escape\"", "t.rules:1:24: error NTR0001: only \\\" and \\\\ may follow '\\' in quoted text")]
    [InlineData("rule r on kfree_skb when ret == 99999999999999999999 error \"m\"", "t.rules:1:33: error NTR0001: '99999999999999999999' is not a 64-bit integer")]
    [InlineData("rule r on kfree_skb when ret == 12ab error \"m\"", "t.rules:1:33: error NTR0001: '12ab' is not a 64-bit integer")]
    [InlineData("Rule r on x info \"m\"", "t.rules:1:1: error NTR0001: unexpected 'Rule'; expected 'rule'")]
    [InlineData("rule r on x INFO \"m\"", "t.rules:1:13: error NTR0001: unexpected 'INFO'; expected 'when', 'info', 'warn' or 'error'")]
    [InlineData("rule r on x info \"m\" }", "t.rules:1:22: error NTR0001: unexpected '}'; expected 'advice', 'rule' or end of file")]
    public void Check_SyntaxError_PositionAndExpectation(string text, string expected)
    {
        Assert.Equal(expected, One(text));
    }

    [Theory]
    [InlineData("rule r on x info \"m\"\nrule r on x warn \"n\"", "t.rules:2:6: error NTR0002: rule 'r' is already defined at t.rules:1:6")]
    [InlineData("rule r on kfree_skb when skb.len > 0 info \"m\"", "t.rules:1:26: error NTR0003: unknown field 'skb.len'")]
    [InlineData("rule r on kfree_skb when reson exists info \"m\"", "t.rules:1:26: error NTR0003: unknown field 'reson' (did you mean 'reason'?)")]
    [InlineData("rule r on kfree_sbk info \"m\"", "t.rules:1:11: error NTR0004: unknown trace 'kfree_sbk' (did you mean 'kfree_skb'?)")]
    [InlineData("rule r on tcp_probe info \"m\"", "t.rules:1:11: error NTR0004: unknown trace 'tcp_probe'")]
    [InlineData("rule r on group netfiltr info \"m\"", "t.rules:1:17: error NTR0005: unknown group 'netfiltr' (did you mean 'netfilter'?)")]
    [InlineData("rule r on kfree_skb when ret == \"x\" info \"m\"", "t.rules:1:33: error NTR0006: field 'ret' is a number and cannot be compared with text")]
    [InlineData("rule r on kfree_skb when reason == 2 info \"m\"", "t.rules:1:36: error NTR0006: field 'reason' is text and cannot be compared with a number; quote the value")]
    [InlineData("rule r on kfree_skb when reason < \"A\" info \"m\"", "t.rules:1:26: error NTR0006: field 'reason' is text; only == and != can compare it")]
    [InlineData("rule r on kfree_skb when ret == NF_DORP info \"m\"", "t.rules:1:33: error NTR0007: unknown constant 'NF_DORP' (did you mean 'NF_DROP'?)")]
    [InlineData("rule r on kfree_skb when reason == NO_SOCKET info \"m\"", "t.rules:1:36: error NTR0007: unknown constant 'NO_SOCKET' (text values need quotes: \"NO_SOCKET\")")]
    [InlineData("rule r on x info \"\"", "t.rules:1:18: error NTR0008: rule 'r' has an empty message; say what the finding means")]
    [InlineData("rule r on x info \"m\" advice \"  \"", "t.rules:1:29: error NTR0008: rule 'r' has an empty advice; leave it out or say what to do")]
    public void Check_ValidationError_ExactText(string text, string expected)
    {
        Assert.Equal(expected, One(text));
    }

    [Fact]
    public void Check_ManyProblems_AllReportedInOrder()
    {
        const string text = """
            rule a on kfree_sbk when skb.len > 0 and reason == 3
              error ""
            rule b on x when ret == = 1
              info "m"
            rule c on group nope when ret == NF_DORP
              warn "m"
            rule c on x warn "m" adviec "x"
            """;
        Assert.Equal(
        [
            "t.rules:1:11: error NTR0004: unknown trace 'kfree_sbk' (did you mean 'kfree_skb'?)",
            "t.rules:1:26: error NTR0003: unknown field 'skb.len'",
            "t.rules:1:52: error NTR0006: field 'reason' is text and cannot be compared with a number; quote the value",
            "t.rules:2:9: error NTR0008: rule 'a' has an empty message; say what the finding means",
            "t.rules:3:25: error NTR0001: unexpected '='; expected a number, a \"quoted text\" or a constant name",
            "t.rules:5:17: error NTR0005: unknown group 'nope'",
            "t.rules:5:34: error NTR0007: unknown constant 'NF_DORP' (did you mean 'NF_DROP'?)",
            "t.rules:7:22: error NTR0001: unexpected 'adviec'; expected 'advice', 'rule' or end of file",
        ], RuleTestKit.Check(("t.rules", text)));
    }

    [Fact]
    public void Compile_OneFileBroken_OtherFilesStillCompile()
    {
        var compilation = RuleCompiler.Compile(
        [
            new RuleSource("good.rules", "rule ok on kfree_skb error \"dropped\""),
            new RuleSource("bad.rules", "rule fine on kfree_skb info \"m\"\n\nrule broken on kfree_skb when ret == error \"m\""),
            new RuleSource("also-good.rules", "rule ok2 on consume_skb info \"freed\""),
        ], RuleTestKit.Context);
        Assert.Equal(["bad.rules:3:38: error NTR0001: unexpected 'error'; expected a number, a \"quoted text\" or a constant name"],
            compilation.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["ok", "ok2"], compilation.Rules.Select(r => r.Name));
        Assert.True(compilation.HasErrors);
    }

    [Fact]
    public void Check_DuplicateAcrossFiles_ReportedInSecondFile()
    {
        Assert.Equal(["b.rules:1:6: error NTR0002: rule 'r' is already defined at a.rules:1:6"],
            RuleTestKit.Check(("a.rules", "rule r on x info \"m\""), ("b.rules", "rule r on x info \"m\"")));
    }

    [Fact]
    public void Check_EmptyAndCommentOnlyFiles_NoDiagnostics()
    {
        Assert.Empty(RuleTestKit.Check(("empty.rules", ""), ("comments.rules", "# nothing here\n\n   # at all\n")));
    }

    [Fact]
    public void Check_ConditionDeeperThanLimit_Reported()
    {
        var chain = string.Join(" and ", Enumerable.Repeat("ret exists", 70));
        Assert.Equal("t.rules:1:26: error NTR0001: the condition nests more than 64 levels deep; split the rule",
            One($"rule r on kfree_skb when {chain} info \"m\""));
        Assert.Empty(RuleTestKit.Check(("t.rules", $"rule r on kfree_skb when {string.Join(" or ", Enumerable.Repeat("ret exists", 60))} info \"m\"")));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("not ", "")]
    [InlineData("ret exists and ", "")]
    public void Check_HostileNesting_SyntaxErrorNotStackOverflow(string open, string close)
    {
        const int depth = 200_000;
        var text = $"rule r on kfree_skb when {string.Concat(Enumerable.Repeat(open, depth))}ret exists{string.Concat(Enumerable.Repeat(close, depth))} info \"m\"";
        var diagnostic = One(text);
        Assert.Contains("error NTR0001: ", diagnostic);
    }
}
