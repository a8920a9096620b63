using NetTrace.Abstractions.Plugins;
using NetTrace.Rules.Syntax;

namespace NetTrace.Tests.Unit.Rules;

/// <summary><c>in</c> and <c>not in</c> over lists of text and numbers, and over addresses and CIDR prefixes.</summary>
public class RuleInListTests
{
    private static bool Matches(string condition, params (string, object)[] fields) =>
        RuleTestKit.Single($"rule r on kfree_skb when {condition} error \"m\"").Matches(new FakeRuleEvent("kfree_skb", "life", fields));

    private static string One(string condition) =>
        Assert.Single(RuleTestKit.Check(("t.rules", $"rule r on kfree_skb when {condition} error \"m\"")));

    [Theory]
    [InlineData("reason in (\"A\", \"B\")", "reason in (\"A\", \"B\") @1:26-1:45")]
    [InlineData("reason not in (\"A\")", "not reason in (\"A\") @1:26-1:44")]
    [InlineData("dport in 53", "dport in (53) @1:26-1:36")]
    [InlineData("saddr in \"10.0.0.0/8\"", "saddr in (\"10.0.0.0/8\") @1:26-1:46")]
    [InlineData("ret in (NF_DROP, -1, 0x10)", "ret in (NF_DROP, -1, 16) @1:26-1:51")]
    public void Parse_InLists_CanonicalModelAndSpan(string condition, string expected)
    {
        var syntax = RuleParser.Parse(new RuleSource("t.rules", $"rule r on kfree_skb when {condition} error \"m\""));
        Assert.Empty(syntax.Errors);
        Assert.Contains($" when {expected} error", ModelPrinter.Print(SyntaxLowering.Lower(syntax)));
    }

    [Fact]
    public void Parse_ListOverLinesWithComments_OneCondition()
    {
        var rule = RuleTestKit.Single("rule r on kfree_skb when reason in (\n  \"A\", # first\n  \"B\"\n) and ret == 0 error \"m\"");
        Assert.True(rule.Matches(new FakeRuleEvent("kfree_skb", "life", ("reason", "B"), ("ret", 0L))));
        Assert.False(rule.Matches(new FakeRuleEvent("kfree_skb", "life", ("reason", "C"), ("ret", 0L))));
    }

    [Theory]
    [InlineData("reason in (\"NO_SOCKET\", \"TCP_CSUM\")", "TCP_CSUM", true)]
    [InlineData("reason in (\"NO_SOCKET\", \"TCP_CSUM\")", "tcp_csum", false)]
    [InlineData("reason not in (\"NO_SOCKET\", \"TCP_CSUM\")", "IP_CSUM", true)]
    [InlineData("reason not in (\"NO_SOCKET\", \"TCP_CSUM\")", "NO_SOCKET", false)]
    [InlineData("reason in (\"A\", \"A\", \"\")", "", true)]
    public void Matches_TextList_Ordinal(string condition, string reason, bool expected)
    {
        Assert.Equal(expected, Matches(condition, ("reason", reason)));
    }

    [Theory]
    [InlineData("dport in (53, 5353)", 5353L, true)]
    [InlineData("dport in (53, 5353)", 54L, false)]
    [InlineData("ret in (NF_DROP, NULL, -1)", 0L, true)] // NF_DROP and NULL are both 0: said once
    [InlineData("ret in (NF_DROP, NULL, -1)", -1L, true)]
    [InlineData("ret in (-9223372036854775808)", long.MinValue, true)]
    [InlineData("ret not in (1, 2)", 3L, true)]
    public void Matches_NumberList(string condition, long value, bool expected)
    {
        var field = condition.Split(' ')[0];
        Assert.Equal(expected, Matches(condition, (field, value)));
    }

    [Fact]
    public void Matches_AbsentField_InFalseNotInTrue()
    {
        Assert.False(Matches("dport in (53)"));
        Assert.True(Matches("dport not in (53)"));
        Assert.False(Matches("saddr in \"0.0.0.0/0\""));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.0.0.0/12", "10.15.255.255", true)]
    [InlineData("10.0.0.0/12", "10.16.0.0", false)]
    [InlineData("192.0.2.7/32", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "::1", false)] // the other family never matches
    [InlineData("fd00::/8", "fd12:3456::1", true)]
    [InlineData("fd00::/8", "fe80::1", false)]
    [InlineData("2001:db8::/33", "2001:db8:7fff::1", true)]
    [InlineData("2001:db8::/33", "2001:db8:8000::1", false)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.1.2.3", true)]
    public void Matches_Cidr_V4AndV6(string prefix, string address, bool expected)
    {
        Assert.Equal(expected, Matches($"saddr in \"{prefix}\"", ("saddr", address)));
    }

    [Fact]
    public void Matches_MixedAddressList_AnyEntry()
    {
        const string condition = "daddr in (\"10.0.0.0/8\", \"fd00::/8\", \"192.0.2.1\")";
        Assert.True(Matches(condition, ("daddr", "fd00::5")));
        Assert.True(Matches(condition, ("daddr", "192.0.2.1")));
        Assert.False(Matches(condition, ("daddr", "192.0.2.2")));
        Assert.True(Matches("daddr not in (\"10.0.0.0/8\", \"fd00::/8\")", ("daddr", "172.16.0.1")));
    }

    [Theory]
    [InlineData("saddr == \"fd00:0:0::1\"", "fd00::1", true)] // the literal is written canonically, as events carry it
    [InlineData("saddr == \"10.0.0.1\"", "10.0.0.1", true)]
    [InlineData("saddr == \"10.0.0.1\"", "10.0.0.10", false)]
    [InlineData("saddr != \"10.0.0.1\"", "10.0.0.2", true)]
    public void Matches_AddressEquality_Exact(string condition, string address, bool expected)
    {
        Assert.Equal(expected, Matches(condition, ("saddr", address)));
    }

    [Theory]
    [InlineData("saddr in \"10.0.0.0/33\"", "t.rules:1:35: error NTR0009: '10.0.0.0/33': the prefix length must be a number from 0 to 32")]
    [InlineData("saddr in \"10.1.0.0/8\"", "t.rules:1:35: error NTR0009: '10.1.0.0/8' has bits set past its /8; the network is 10.0.0.0/8")]
    [InlineData("saddr in (\"10.0.0.0/8\", \"10.1\")", "t.rules:1:50: error NTR0009: '10.1' is not an IPv4 or IPv6 address")]
    [InlineData("daddr in \"fe80::1%eth0\"", "t.rules:1:35: error NTR0009: 'fe80::1%eth0' is not an IPv4 or IPv6 address")]
    [InlineData("saddr == \"10.0.0.0/8\"", "t.rules:1:35: error NTR0009: '10.0.0.0/8' is a prefix and == is exact; test it with in: saddr in \"10.0.0.0/8\"")]
    [InlineData("saddr == \"host\"", "t.rules:1:35: error NTR0009: 'host' is not an IPv4 or IPv6 address")]
    [InlineData("saddr < \"10.0.0.1\"", "t.rules:1:26: error NTR0006: field 'saddr' is an address; only == and != can compare it (a range is a prefix: saddr in \"10.0.0.0/8\")")]
    [InlineData("saddr in (10)", "t.rules:1:36: error NTR0006: field 'saddr' is an address; quote the values of its list")]
    [InlineData("dport in (53, \"80\")", "t.rules:1:40: error NTR0006: field 'dport' is a number; its list takes numbers, not text")]
    [InlineData("reason in (\"A\", 1)", "t.rules:1:42: error NTR0006: field 'reason' is text; quote the values of its list")]
    [InlineData("reason in (NO_SOCKET)", "t.rules:1:37: error NTR0007: unknown constant 'NO_SOCKET' (text values need quotes: \"NO_SOCKET\")")]
    [InlineData("raeson in (\"A\")", "t.rules:1:26: error NTR0003: unknown field 'raeson' (did you mean 'reason'?)")]
    [InlineData("reason in ()", "t.rules:1:37: error NTR0001: unexpected ')'; expected a number, a \"quoted text\" or a constant name")]
    [InlineData("reason in (\"A\",)", "t.rules:1:41: error NTR0001: unexpected ')'; expected a number, a \"quoted text\" or a constant name")]
    [InlineData("reason not (\"A\")", "t.rules:1:37: error NTR0001: unexpected '('; expected 'in'")]
    public void Check_BadListOrAddress_PositionedError(string condition, string expected)
    {
        Assert.Equal(expected, One(condition));
    }
}
