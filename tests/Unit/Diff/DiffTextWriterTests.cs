using NetTrace.Host.Modes.Diff;
using static NetTrace.Tests.Unit.Diff.DiffPaths;

namespace NetTrace.Tests.Unit.Diff;

public sealed class DiffTextWriterTests
{
    [Fact]
    public void Write_Divergence_ColumnsAndSentences()
    {
        var diff = PathAlignment.Align(
            Side("good.ntrec#1", ("ip_rcv", null, 0), ("nft_do_chain", null, 3_100), ("ip_rcv_finish", null, 4_300)),
            Side("bad.ntrec#1", ("ip_rcv", null, 0), ("nft_do_chain", "verdict drop", 2_900), ("kfree_skb", "reason NETFILTER_DROP", 3_700)));

        Assert.Equal("""
            good: good.ntrec#1  ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1  (3 functions, 4.300 us)
            bad:  bad.ntrec#1  ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1  (3 functions, 3.700 us)

                good                                  +us        bad                                   +us
              = ip_rcv                              0.000        ip_rcv                              0.000
              = nft_do_chain                        3.100        nft_do_chain  verdict drop          2.900
              - ip_rcv_finish                       1.200
              +                                                  kfree_skb  reason NETFILTER_DROP    0.800

            the paths diverge after nft_do_chain (step 2 of both): good goes on to ip_rcv_finish, bad goes to kfree_skb
            time to the divergence: good 3.100 us, bad 2.900 us

            """.ReplaceLineEndings("\n"), Text(diff));
    }

    [Fact]
    public void Write_NetfilterDrop_NamesWhereAndWhen()
    {
        Assert.Equal("""
            good: good.ntrec#1  ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1  (6 functions, 9.250 us)
            bad:  bad.ntrec#1  ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1  (4 functions, 5.104 us)

                good                                  +us        bad                                   +us
              = ip_rcv                              0.000        ip_rcv                              0.000
              = nf_hook_slow                        1.500        nf_hook_slow                        1.400
              = nft_do_chain  verdict accept        3.100        nft_do_chain  verdict drop          2.900
              - ip_rcv_finish                       1.200
              - ip_local_deliver                    1.200
              - icmp_rcv                            2.250
              +                                                  kfree_skb  reason NETFILTER_DROP    0.804

            the paths diverge after nft_do_chain (step 3 of both): good goes on to ip_rcv_finish, bad goes to kfree_skb
            time to the divergence: good 4.600 us, bad 4.300 us

            """.ReplaceLineEndings("\n"), Text(NetfilterDrop()));
    }

    [Fact]
    public void Write_Identical_SaysSoWithBothDurations()
    {
        var diff = PathAlignment.Align(Names("good", "ip_rcv", "icmp_rcv"), Side("bad", ("ip_rcv", null, 0), ("icmp_rcv", null, 2_500)));

        Assert.Equal("the paths are identical (2 functions); good took 1.000 us, bad took 2.500 us", Lines(diff)[^1]);
    }

    [Fact]
    public void Write_DifferentFirstStep_NamesBothStarts()
    {
        var diff = PathAlignment.Align(Names("good", "ip_rcv"), Names("bad", "ipv6_rcv"));

        Assert.Equal("the paths diverge from the first step: good starts at ip_rcv, bad starts at ipv6_rcv", Lines(diff)[^1]);
    }

    [Theory]
    [InlineData(true, "the paths diverge after ip_rcv_finish (step 2 of both): good goes on to ip_local_deliver, bad ends there")]
    [InlineData(false, "the paths diverge after ip_rcv_finish (step 2 of both): good ends there, bad goes on to ip_local_deliver")]
    public void Write_OnePathPrefixOfTheOther_ShortOneEndsThere(bool goodIsLonger, string expected)
    {
        var longer = Names("long", "ip_rcv", "ip_rcv_finish", "ip_local_deliver");
        var shorter = Names("short", "ip_rcv", "ip_rcv_finish");

        string[] lines = Lines(goodIsLonger ? PathAlignment.Align(longer, shorter) : PathAlignment.Align(shorter, longer));

        Assert.Equal(expected, lines[^2]);
        Assert.Equal("time to the divergence: good 1.000 us, bad 1.000 us", lines[^1]);
    }

    [Fact]
    public void Write_EmptySide_SaysItHasNoFunctions()
    {
        string[] lines = Lines(PathAlignment.Align(Names("good", "ip_rcv"), new PathSide("bad.ntrec#1", "", [])));

        Assert.Equal("bad:  bad.ntrec#1  (0 functions, 0.000 us)", lines[1]);
        Assert.Equal("the paths diverge from the first step: good starts at ip_rcv, bad has no functions", lines[^1]);
    }

    [Fact]
    public void Write_LongNameAndDetail_CutToTheColumnWithAnEllipsis()
    {
        var side = Side("x", ("nft_do_chain", "verdict drop, rule 'ip saddr 10.0.0.1 counter drop'", 0));
        string row = Lines(PathAlignment.Align(side, side))[4];

        string cell = "nft_do_chain  verdict drop, rule …";
        Assert.Equal(DiffTextWriter.StepWidth, cell.Length);
        Assert.Equal($"  = {cell}  0.000        {cell}  0.000", row);
    }

    [Fact]
    public void Write_SlowStep_WidensTheTimeColumnForEveryRow()
    {
        var diff = PathAlignment.Align(Side("good", ("ip_rcv", null, 0), ("icmp_rcv", null, 123_456_789)), Names("bad", "ip_rcv", "icmp_rcv"));
        string[] lines = Lines(diff);

        Assert.Equal($"  = {"ip_rcv",-34}       0.000        {"ip_rcv",-34}       0.000", lines[4]);
        Assert.Equal($"  = {"icmp_rcv",-34}  123456.789        {"icmp_rcv",-34}       1.000", lines[5]);
        Assert.EndsWith("  +us", lines[3]);
    }
}
