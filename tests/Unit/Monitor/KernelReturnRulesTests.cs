using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Tests.Unit.Catalogue;
using NetTrace.Tests.Unit.Diagnosis;

namespace NetTrace.Tests.Unit.Monitor;

/// <summary>The shipped ERROR rules translated into the kernel's return tests for --monitor.</summary>
public sealed class KernelReturnRulesTests
{
    private static readonly KernelReturnRules Rules = KernelReturnRules.From(DiagHits.ShippedRules.Rules,
        group => CatalogueGroups.All.Where(g => g.Name == group).SelectMany(g => g.Traces).Select(t => t.Name), FindingLevel.Error,
        CatalogueGroups.All.SelectMany(g => g.ReturnVerdicts));

    private static string Show(IReadOnlyList<ReturnTerm[]>? clauses) =>
        clauses is null ? "always" : string.Join(" | ", clauses.Select(c => string.Join(" & ", c.Select(t => $"{t.View} {t.Op} {t.Value}"))));

    [Theory]
    [InlineData("nft_do_chain", "Low8 Equal 0 | Low8 Equal 2 & High16 NotEqual 0")]
    [InlineData("ipt_do_table", "Low8 Equal 0 | Low8 Equal 2 & High16 NotEqual 0")]
    [InlineData("nf_hook_slow", "Int Less 0")]
    [InlineData("ip_route_input_slow", "Int Equal -22 | Int NotEqual 0 & Int NotEqual -18 & Int NotEqual -22")]
    // 1 is strict rp_filter passing a directly connected source: only a negative errno fails the check.
    [InlineData("fib_validate_source", "Int Less 0")]
    [InlineData("enqueue_to_backlog", "Int NotEqual 0")]
    [InlineData("netif_receive_generic_xdp", "Int Equal 1")]
    [InlineData("tcp_bad_csum", "always")]
    public void From_ShippedErrorRules_BecomeReturnTests(string trace, string expected)
    {
        Assert.Equal(expected, Show(Rules.Clauses(trace)));
    }

    [Fact]
    public void From_WarnRulesAndFieldsOtherThanTheReturn_StayOut()
    {
        // NAT is a WARNING; the listener lookup too; drop reasons are not return values.
        Assert.DoesNotContain("nf_nat_manip_pkt", Rules.Traces);
        Assert.DoesNotContain("__inet_lookup_listener", Rules.Traces);
        // "dropped" leaves the benign free sites out by reason and location, which are not return values (and the
        // monitor leaves the life group to --drop anyway).
        Assert.DoesNotContain("kfree_skb", Rules.Traces);
    }

    [Fact]
    public void Encode_MartianAndMissingRoute_FillTheMirrorOfTheKernelRule()
    {
        // The mirror itself is checked against the engine object's BTF (Layout/EngineLayoutTests).
        byte[] bytes = Rules.Encode("ip_route_input_slow");

        Assert.Equal(Unsafe.SizeOf<NtRetRule>(), bytes.Length);
        var rule = MemoryMarshal.Read<NtRetRule>(bytes);
        // Clause 0 is the martian rule (ret == -22), clause 1 the missing route's.
        Assert.Equal(2, rule.ClauseCount);
        Assert.Equal(3, rule.Clauses[1].TermCount);
        Assert.Equal((ReturnOp.NotEqual, ReturnView.Int, 0L), (rule.Clauses[1].Terms[0].Op, rule.Clauses[1].Terms[0].View, rule.Clauses[1].Terms[0].Value));
        Assert.Equal((ReturnOp.NotEqual, ReturnView.Int, -18L), (rule.Clauses[1].Terms[1].Op, rule.Clauses[1].Terms[1].View, rule.Clauses[1].Terms[1].Value));
    }

    [Fact]
    public void Encode_RuleWithoutCondition_IsOneEmptyClause()
    {
        var rule = MemoryMarshal.Read<NtRetRule>(Rules.Encode("tcp_bad_csum"));

        Assert.Equal(1, rule.ClauseCount);   // one clause with no term: always true
        Assert.Equal(0, rule.Clauses[0].TermCount);
    }
}
