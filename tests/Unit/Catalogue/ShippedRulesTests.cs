namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>The knowledge base the plugins ship: one rules/&lt;group&gt;.rules per group that has one.</summary>
public class ShippedRulesTests
{
    [Theory]
    [InlineData("link-in")]
    [InlineData("link-out")]
    [InlineData("bridge")]
    [InlineData("route")]
    [InlineData("icmp")]
    [InlineData("udp-in")]
    [InlineData("life")]
    [InlineData("netfilter")]
    [InlineData("conntrack")]
    [InlineData("tcp-in")]
    [InlineData("tcp-out")]
    public void Register_GroupWithRuleFile_CarriesIt(string group)
    {
        var rules = Assert.Single(CatalogueGroups.Named(group).Rules);
        Assert.EndsWith($"rules/{group}.rules", rules.Name);
        Assert.Contains("rule ", rules.Text);
    }

    [Fact]
    public void Register_EveryReturnMeaning_HasARuleThatReadsIt()
    {
        // kernel-facts.md's return meanings must not be dead knowledge: each NeedsReturn trace is named by a
        // rule that tests ret (skb_clone's return is the clone, followed by the tracer itself).
        string text = string.Join('\n', CatalogueGroups.All.SelectMany(g => g.Rules).Select(r => r.Text));
        var unread = CatalogueGroups.Traces
            .Where(p => p.Trace.NeedsReturn && p.Trace.Name != "skb_clone")
            .Select(p => p.Trace.Name)
            .Where(name => !System.Text.RegularExpressions.Regex.IsMatch(text, $@"\bon [^\n]*\b{System.Text.RegularExpressions.Regex.Escape(name)}\b[^\n]* when [^\n]*\bret\b"))
            .ToList();
        Assert.Empty(unread);
    }
}
