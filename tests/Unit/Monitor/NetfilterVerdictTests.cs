using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Rules;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Monitor;

/// <summary>
/// The verdicts the netfilter plugin declares for the kernel's return tests say what user space's
/// <see cref="NetfilterNames.Verdict"/> says, for every return value that matters.
/// </summary>
public sealed class NetfilterVerdictTests
{
    private static readonly IReadOnlyList<ReturnVerdict> Declared = CatalogueGroups.Named("netfilter").ReturnVerdicts;

    private static readonly long[] Returns =
    [
        -1, -12, 0, 1, 2, 3, 4, 5, 6, 0x10000, 0x10002, 0xff0002, 0x10001, unchecked((int)0xffff0002), 0x100, 0x102,
    ];

    public static TheoryData<string> Traces => new(Declared.Select(v => v.Trace).Distinct());

    /// <summary>A term as the engine runs it (bpf/engine/engine.bpf.c): the view of the returned register, then the comparison.</summary>
    private static bool Holds(ReturnTerm term, long ret)
    {
        long v = term.View switch
        {
            ReturnView.Low8 => ret & 0xff,
            ReturnView.High16 => (ret >> 16) & 0xffff,
            _ => (int)ret,
        };
        return term.Op switch
        {
            ReturnOp.Equal => v == term.Value,
            ReturnOp.NotEqual => v != term.Value,
            ReturnOp.Less => v < term.Value,
            ReturnOp.LessOrEqual => v <= term.Value,
            ReturnOp.Greater => v > term.Value,
            _ => v >= term.Value,
        };
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void DeclaredVerdicts_AgreeWithTheNamesUserSpaceGives(string trace)
    {
        foreach (long ret in Returns)
        {
            string? named = NetfilterNames.Verdict(trace, ret);
            var kernel = Declared.Where(v => v.Trace == trace && v.Clauses.Any(c => c.All(t => Holds(t, ret)))).Select(v => v.Verdict).ToList();
            Assert.True(named is null ? kernel.Count == 0 : kernel.SequenceEqual([named]), $"{trace} returning {ret}: user space says {named ?? "none"}, the kernel tests say {string.Join(",", kernel)}");
        }
    }

    [Fact]
    public void Declared_CoversTheTableAndHookFunctions()
    {
        Assert.Equal(["arpt_do_table", "ip6t_do_table", "ipt_do_table", "nf_hook_slow", "nft_do_chain"], Declared.Select(v => v.Trace).Distinct().Order());
    }
}
