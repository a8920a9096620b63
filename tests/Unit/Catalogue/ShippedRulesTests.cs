namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>The knowledge base the plugins ship: rules/&lt;group&gt;.rules per group that has one, then its parts.</summary>
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
        var rules = CatalogueGroups.Named(group).Rules;
        Assert.EndsWith($"rules/{group}.rules", rules[0].Name);
        Assert.All(rules, r => Assert.Contains("rule ", r.Text));
    }

    [Fact]
    public void Register_LifeDropReasonParts_FollowItsMainFileByName()
    {
        var names = CatalogueGroups.Named("life").Rules.Select(r => r.Name[(r.Name.LastIndexOf('/') + 1)..]);

        Assert.Equal(["life.rules", "life.benign.rules", "life.bpf-progs.rules", "life.reasons.rules", "life.unknown-reason.rules"], names);
    }

    [Fact]
    public void Register_EveryReturnMeaning_HasARuleThatReadsIt()
    {
        // kernel-facts.md's return meanings must not be dead knowledge: each NeedsReturn trace is named by a
        // rule that tests ret or the verdict read from it (skb_clone's return is the clone, followed by the tracer itself).
        string text = string.Join('\n', CatalogueGroups.All.SelectMany(g => g.Rules).Select(r => r.Text));
        var unread = CatalogueGroups.Traces
            .Where(p => p.Trace.NeedsReturn && p.Trace.Name != "skb_clone")
            .Select(p => p.Trace.Name)
            .Where(name => !System.Text.RegularExpressions.Regex.IsMatch(text, $@"\bon [^\n]*\b{System.Text.RegularExpressions.Regex.Escape(name)}\b[^\n]* when [^\n]*\b(ret|verdict)\b"))
            .ToList();
        Assert.Empty(unread);
    }

    [Fact]
    public void Compile_ShippedRules_AgainstTheRealCatalogue_HaveNoErrorsAndMatch()
    {
        var groups = CatalogueGroups.All;
        var context = new NetTrace.Rules.Model.RuleContext(
            groups.SelectMany(g => g.Traces).Select(t => t.Name).ToList(),
            groups.Select(g => g.Name).ToList(),
            NetTrace.Rules.Model.RuleContext.DefaultFields);

        var compiled = NetTrace.Rules.RuleCompiler.Compile(groups.SelectMany(g => g.Rules), context, new NetTrace.Rules.RuleCompilerOptions { NoCache = true });

        Assert.Empty(compiled.Diagnostics);
        var hookDrop = Assert.Single(compiled.Rules, r => r.Name == "hook_drop");
        Assert.True(hookDrop.Matches(new Rules.FakeRuleEvent("nf_hook_slow", "netfilter", ("verdict", "drop"))));
        Assert.False(hookDrop.Matches(new Rules.FakeRuleEvent("nf_hook_slow", "netfilter", ("verdict", "accept"))));
        var noSocket = Assert.Single(compiled.Rules, r => r.Name == "drop_no_socket");
        Assert.True(noSocket.Matches(new Rules.FakeRuleEvent("kfree_skb", "life", ("reason", "NO_SOCKET"))));
    }
}
