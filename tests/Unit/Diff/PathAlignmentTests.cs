using NetTrace.Host.Modes.Diff;
using static NetTrace.Tests.Unit.Diff.DiffPaths;

namespace NetTrace.Tests.Unit.Diff;

public sealed class PathAlignmentTests
{
    [Fact]
    public void Align_IdenticalPaths_AllRowsSame()
    {
        var diff = PathAlignment.Align(Names("good", "ip_rcv", "ip_rcv_finish", "icmp_rcv"), Names("bad", "ip_rcv", "ip_rcv_finish", "icmp_rcv"));

        Assert.True(diff.Identical);
        Assert.Equal("=ip_rcv =ip_rcv_finish =icmp_rcv", Shape(diff));
        Assert.Equal(3, diff.CommonPrefix);
        Assert.Null(diff.FirstDivergence);
        Assert.Null(diff.DivergedAfter);
        Assert.All(diff.Rows, row => Assert.Equal(row.GoodIndex, row.BadIndex));
    }

    [Fact]
    public void Align_NetfilterDrop_DivergesAfterNftDoChain()
    {
        var diff = NetfilterDrop();

        Assert.False(diff.Identical);
        Assert.Equal(3, diff.CommonPrefix);
        Assert.Equal(3, diff.FirstDivergence);
        Assert.Equal("nft_do_chain", diff.DivergedAfter?.Name);
        Assert.Equal("verdict accept", diff.DivergedAfter?.Detail); // the good side's step
        Assert.Equal("=ip_rcv =nf_hook_slow =nft_do_chain -ip_rcv_finish -ip_local_deliver -icmp_rcv +kfree_skb", Shape(diff));
        Assert.Equal(DiffRow.OnlyBad(3), diff.Rows[^1]);
    }

    [Fact]
    public void Align_DifferentDetails_StillTheSameStep()
    {
        var diff = PathAlignment.Align(Side("good", ("nft_do_chain", "verdict accept", 0)), Side("bad", ("nft_do_chain", "verdict drop", 0)));

        Assert.True(diff.Identical);
    }

    [Fact]
    public void Align_ExtraFunctionInBad_OneAddedRowThenSameAgain()
    {
        var diff = PathAlignment.Align(
            Names("good", "ip_rcv", "nf_hook_slow", "ip_rcv_finish", "ip_local_deliver"),
            Names("bad", "ip_rcv", "nf_hook_slow", "nft_do_chain", "ip_rcv_finish", "ip_local_deliver"));

        Assert.Equal("=ip_rcv =nf_hook_slow +nft_do_chain =ip_rcv_finish =ip_local_deliver", Shape(diff));
        Assert.Equal(DiffRow.Same(2, 3), diff.Rows[3]);
        Assert.Equal(2, diff.CommonPrefix);
        Assert.Equal("nf_hook_slow", diff.DivergedAfter?.Name);
    }

    [Fact]
    public void Align_DifferencesBetweenCommonSteps_GoodOnlyRowsFirst()
    {
        var diff = PathAlignment.Align(Names("good", "a", "p", "q", "z"), Names("bad", "a", "r", "z"));

        Assert.Equal("=a -p -q +r =z", Shape(diff));
    }

    [Fact]
    public void Align_RepeatedNames_KeepsTheEarliestCommonStep()
    {
        var later = PathAlignment.Align(Names("good", "x", "a"), Names("bad", "a", "y", "a"));
        var mirror = PathAlignment.Align(Names("good", "a", "y", "a"), Names("bad", "x", "a"));

        Assert.Equal("-x =a +y +a", Shape(later));
        Assert.Equal(DiffRow.Same(1, 0), later.Rows[1]);
        Assert.Equal("+x =a -y -a", Shape(mirror));
        Assert.Equal(DiffRow.Same(0, 1), mirror.Rows[1]);
    }

    [Fact]
    public void Align_DifferentFirstStep_DivergesFromTheStart()
    {
        var diff = PathAlignment.Align(Names("good", "ip_rcv", "ip_rcv_finish"), Names("bad", "ipv6_rcv", "ip6_rcv_finish"));

        Assert.Equal(0, diff.CommonPrefix);
        Assert.Equal(0, diff.FirstDivergence);
        Assert.Null(diff.DivergedAfter);
        Assert.Null(diff.LastCommon);
        Assert.Equal("-ip_rcv -ip_rcv_finish +ipv6_rcv +ip6_rcv_finish", Shape(diff));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Align_OnePathPrefixOfTheOther_DivergesWhereTheShortOneEnds(bool goodIsLonger)
    {
        var longer = Names("x", "ip_rcv", "ip_rcv_finish", "ip_local_deliver", "icmp_rcv");
        var shorter = Names("y", "ip_rcv", "ip_rcv_finish");

        var diff = goodIsLonger ? PathAlignment.Align(longer, shorter) : PathAlignment.Align(shorter, longer);

        Assert.Equal(2, diff.CommonPrefix);
        Assert.Equal("ip_rcv_finish", diff.DivergedAfter?.Name);
        Assert.Equal(goodIsLonger ? "=ip_rcv =ip_rcv_finish -ip_local_deliver -icmp_rcv" : "=ip_rcv =ip_rcv_finish +ip_local_deliver +icmp_rcv", Shape(diff));
    }

    [Fact]
    public void Align_EmptySides_DoNotFail()
    {
        var empty = PathAlignment.Align(Names("good"), Names("bad"));
        var goodOnly = PathAlignment.Align(Names("good", "ip_rcv"), Names("bad"));
        var badOnly = PathAlignment.Align(Names("good"), Names("bad", "ip_rcv"));

        Assert.True(empty.Identical);
        Assert.Empty(empty.Rows);
        Assert.Null(empty.DivergedAfter);
        Assert.Equal(0UL, empty.Good.DurationNs);
        Assert.Equal("-ip_rcv", Shape(goodOnly));
        Assert.Equal("+ip_rcv", Shape(badOnly));
        Assert.Equal(0, badOnly.FirstDivergence);
    }

    [Fact]
    public void Align_HugePaths_GreedyFallbackKeepsTheCommonPrefix()
    {
        // 5000 steps each, 100 in common, then names shared only out of step: too big a table past the prefix.
        string[] good = [.. Enumerable.Range(0, 5000).Select(i => i < 100 ? $"f{i}" : $"g{i}")];
        string[] bad = [.. Enumerable.Range(0, 5000).Select(i => i < 100 ? $"f{i}" : $"g{i + 1}")];
        Assert.True((long)(good.Length - 99) * (bad.Length - 99) > PathAlignment.MaxCells);

        var diff = PathAlignment.Align(Names("good", good), Names("bad", bad));

        Assert.Equal(100, diff.CommonPrefix);
        Assert.Equal("f99", diff.DivergedAfter?.Name);
        Assert.Equal(100 + 4900 + 4900, diff.Rows.Count);
        Assert.All(diff.Rows.Skip(100).Take(4900), row => Assert.Equal(DiffRowKind.OnlyGood, row.Kind));
        Assert.All(diff.Rows.Skip(5000), row => Assert.Equal(DiffRowKind.OnlyBad, row.Kind));
    }

    [Fact]
    public void Align_LongCommonPrefix_TableOnlyForTheRestSoDetoursStillRealign()
    {
        string[] start = [.. Enumerable.Range(0, 6000).Select(i => $"f{i}")];
        var diff = PathAlignment.Align(Names("good", [.. start, "a", "b", "c"]), Names("bad", [.. start, "a", "x", "b", "c"]));

        Assert.Equal(6001, diff.CommonPrefix);
        Assert.EndsWith("=a +x =b =c", Shape(diff));
    }

    [Fact]
    public void Align_RandomPaths_KeepALongestCommonSubsequenceInOrder()
    {
        var random = new Random(42);
        for (int run = 0; run < 400; run++)
        {
            string[] good = RandomNames(random), bad = RandomNames(random);
            var diff = PathAlignment.Align(Names("good", good), Names("bad", bad));

            // Every step of each side appears once, in order; '=' rows pair equal names.
            Assert.Equal(Enumerable.Range(0, good.Length), diff.Rows.Where(r => r.GoodIndex is not null).Select(r => r.GoodIndex!.Value));
            Assert.Equal(Enumerable.Range(0, bad.Length), diff.Rows.Where(r => r.BadIndex is not null).Select(r => r.BadIndex!.Value));
            var same = diff.Rows.Where(r => r.Kind == DiffRowKind.Same).ToList();
            Assert.All(same, r => Assert.Equal(good[r.GoodIndex!.Value], bad[r.BadIndex!.Value]));
            Assert.Equal(LcsLength(good, bad), same.Count);
            int prefix = good.Zip(bad).TakeWhile(p => p.First == p.Second).Count();
            Assert.Equal(prefix, diff.CommonPrefix);
            Assert.Equal(Shape(diff), Shape(PathAlignment.Align(Names("good", good), Names("bad", bad))));
        }
    }

    private static string[] RandomNames(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => ((char)('a' + random.Next(4))).ToString())];

    /// <summary>The textbook recurrence, to check the alignment keeps as many common steps as there can be.</summary>
    private static int LcsLength(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
        return table[a.Length, b.Length];
    }
}
