using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Tests.Shared;
using NetTrace.Tests.Unit.Rules;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// Every drop reason of every recorded kernel (docs/man/dropreason.d/kernels: 6.1, 6.12 and the host's) has a
/// shipped rule on kfree_skb that fires on it, with a message and, for a real drop, an advice; a reason no rule
/// knows still gets the generic rule's advice. The compiled rules run on a kfree_skb event carrying only the
/// reason, so the tests prove the rules fire, not only that their text names the reason.
/// </summary>
public sealed class DropReasonRulesTests
{
    private const string UnknownRule = "drop_reason_unknown";
    private const string DroppedRule = "dropped";

    public static TheoryData<string> Kernels => [.. RecordedDropReasons.Kernels()];

    [Fact]
    public void Recorded_Kernels_AreTheThreeTheProjectTests()
    {
        // 6.1 and 6.12 (Debian's cloud kernels) and the host's: a list gone missing would skip its reasons.
        Assert.True(RecordedDropReasons.Kernels().Count >= 3, string.Join(", ", RecordedDropReasons.Kernels()));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Rules_EveryReasonOfTheKernel_HasAnExplanationAndAdvice(string kernel)
    {
        var reasons = RecordedDropReasons.Of(kernel, "reason");

        var unexplained = reasons.Where(r => Explaining(r).Count == 0).ToList();
        var withoutAdvice = reasons.Where(r => Explaining(r) is { Count: > 0 } rules && !Advised(rules)).ToList();
        var calledUnknown = reasons.Where(r => Fires(UnknownRule, r)).ToList();

        Assert.True(reasons.Count > 50, $"only {reasons.Count} reasons recorded for {kernel}");
        Assert.True(unexplained.Count == 0, $"{kernel}: no rule on kfree_skb explains {string.Join(", ", unexplained)}");
        Assert.True(withoutAdvice.Count == 0, $"{kernel}: an error without advice for {string.Join(", ", withoutAdvice)}");
        Assert.True(calledUnknown.Count == 0, $"{kernel}: {UnknownRule} lists no {string.Join(", ", calledUnknown)}");
    }

    [Fact]
    public void Rules_ReasonNoRuleKnows_GetsTheGenericAdviceOnly()
    {
        const string newer = "NEWER_THAN_ANY_RECORDED";

        var unknown = Assert.Single(ShippedRules.Rules, r => r.Name == UnknownRule);

        Assert.Empty(Explaining(newer));
        Assert.True(Fires(UnknownRule, newer));
        Assert.False(string.IsNullOrEmpty(unknown.Advice));
        Assert.False(unknown.Matches(new FakeRuleEvent("kfree_skb", "life")), "a kernel without drop reasons has no unknown reason");
    }

    [Theory]
    [InlineData("IP_INHDR", "ip_forward", "reason_ip_inhdr_ttl")]
    [InlineData("IP_INHDR", "ip6_forward", "reason_ip_inhdr_ttl")]
    [InlineData("IP_INHDR", "ip_rcv_core", "reason_ip_inhdr")]
    [InlineData("NOT_SPECIFIED", "ip6_mc_input", "freed_ipv6_multicast_unwanted")]
    [InlineData("NOT_SPECIFIED", "tcp_v4_rcv", "reason_not_specified")]
    public void Rules_ReasonWhoseMeaningDependsOnThePlace_ExplainItByTheLocationsFunction(string reason, string function, string rule)
    {
        var ev = new FakeRuleEvent("kfree_skb", "life", ("reason", reason), ("location_func", function));

        var fired = ReasonRules().Where(r => r.Matches(ev)).Select(r => r.Name);

        Assert.Equal([rule], fired);
    }

    /// <summary>The rules that explain this reason on a kfree_skb without a location: not the generic ones.</summary>
    private static List<CompiledRule> Explaining(string reason)
    {
        var ev = new FakeRuleEvent("kfree_skb", "life", ("reason", reason));
        return [.. ReasonRules().Where(r => r.Matches(ev) && !string.IsNullOrWhiteSpace(r.Message))];
    }

    /// <summary>An error needs advice; INFO and WARN mark reasons that are housekeeping or the sender's business.</summary>
    private static bool Advised(List<CompiledRule> rules) =>
        rules.Any(r => !string.IsNullOrWhiteSpace(r.Advice)) || rules.All(r => r.Level != FindingLevel.Error);

    private static bool Fires(string rule, string reason) =>
        ShippedRules.Rules.Single(r => r.Name == rule).Matches(new FakeRuleEvent("kfree_skb", "life", ("reason", reason)));

    /// <summary>kfree_skb's rules with a condition, the unknown one and "dropped" (which says only that) apart.</summary>
    private static IEnumerable<CompiledRule> ReasonRules() =>
        ShippedRules.For("kfree_skb", "life").Where(r => r.Condition is not null && r.Name != UnknownRule && r.Name != DroppedRule);
}
