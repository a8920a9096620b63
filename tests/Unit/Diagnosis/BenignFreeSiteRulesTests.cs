using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Tests.Unit.Rules;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// No false alarms (issue 21): where a kernel frees a healthy packet with kfree_skb (life.benign.rules, each site
/// seen on 6.1 or 6.12 by tests/Vm/scenarios/diag_healthy.sh), every shipped rule that fires is INFO and one says
/// the packet was freed; the same reason anywhere else is still reported as a drop.
/// </summary>
public sealed class BenignFreeSiteRulesTests
{
    [Theory]
    [InlineData("NOT_SPECIFIED", "icmpv6_rcv", "freed_icmpv6_handled")]
    [InlineData("NOT_SPECIFIED", "ip6_mc_input", "freed_ipv6_multicast_unwanted")]
    [InlineData("NOT_SPECIFIED", "tcp_rcv_state_process", "freed_tcp_segment_handled")]
    [InlineData("NOT_SPECIFIED", "unix_stream_connect", "freed_unix_connect_request")]
    [InlineData("NO_SOCKET", "icmp_rcv", "freed_echo_reply_no_ping_socket")]
    [InlineData("NO_SOCKET", "icmpv6_rcv", "freed_echo_reply_no_ping_socket")]
    [InlineData("NO_SOCKET", "ping_rcv", "freed_echo_reply_no_ping_socket")]
    public void Rules_BenignFreeSite_FindOnlyInfoNamingTheFree(string reason, string function, string rule)
    {
        var fired = Fired(reason, function);

        Assert.Equal([rule], fired.Select(r => r.Name));
        Assert.All(fired, r => Assert.Equal(FindingLevel.Info, r.Level));
    }

    [Theory]
    [InlineData("NOT_SPECIFIED", "tcp_v4_rcv", "reason_not_specified")]
    [InlineData("NOT_SPECIFIED", "ip6_input_finish", "reason_not_specified")]
    [InlineData("NO_SOCKET", "__udp4_lib_rcv", "drop_no_socket")]
    [InlineData("NO_SOCKET", "tcp_v4_rcv", "drop_no_socket")]
    public void Rules_SameReasonElsewhere_IsStillADrop(string reason, string function, string explanation)
    {
        var fired = Fired(reason, function).Select(r => r.Name).ToList();

        Assert.Equal(["dropped", explanation], fired);
    }

    [Theory]
    [InlineData("TCP_RFC7323_PAWS", "A", 0L)]
    [InlineData("TCP_RFC7323_PAWS_ACK", "A", 0L)]
    public void Rules_PawsOnAnOldPureAck_IsInfo(string reason, string flags, long payload)
    {
        var fired = FiredOn(("reason", reason), ("location_func", "tcp_validate_incoming"), ("flags", flags), ("tcp_payload", payload));

        Assert.Equal(["freed_tcp_paws_old_ack"], fired.Select(r => r.Name));
        Assert.All(fired, r => Assert.Equal(FindingLevel.Info, r.Level));
    }

    [Theory]
    [InlineData("A", 1448L)]
    [InlineData("AP", 0L)]
    [InlineData("AF", 0L)]
    public void Rules_PawsOnDataOrAFin_IsStillADrop(string flags, long payload)
    {
        var fired = FiredOn(("reason", "TCP_RFC7323_PAWS"), ("location_func", "tcp_validate_incoming"), ("flags", flags), ("tcp_payload", payload));

        Assert.Equal(["dropped", "reason_tcp_rfc7323_paws"], fired.Select(r => r.Name));
    }

    [Fact]
    public void Rules_PawsWithoutTheSegmentsLength_IsStillADrop()
    {
        // A capture cut before the TCP header cannot show it was a pure ACK: the drop stands.
        var fired = FiredOn(("reason", "TCP_RFC7323_PAWS"), ("location_func", "tcp_validate_incoming"), ("flags", "A"));

        Assert.Equal(["dropped", "reason_tcp_rfc7323_paws"], fired.Select(r => r.Name));
    }

    [Fact]
    public void Rules_KernelWithoutDropReasons_StillCallsEveryKfreeSkbADrop()
    {
        // Without reasons nothing tells a benign free from a drop, whatever the location.
        var fired = Fired(null, "icmpv6_rcv");

        Assert.Contains(fired, r => r.Name == "dropped" && r.Level == FindingLevel.Error);
    }

    [Fact]
    public void Rules_PingReplyNoPingSocketMatches_IsInfo()
    {
        // Root's ping reads replies on a raw socket: ping_lookup finds no ping socket for every healthy reply.
        var ev = new FakeRuleEvent("ping_lookup", "icmp", ("ret", 0L));

        var fired = ShippedRules.For("ping_lookup", "icmp").Where(r => r.Matches(ev)).ToList();

        Assert.NotEmpty(fired);
        Assert.All(fired, r => Assert.Equal(FindingLevel.Info, r.Level));
    }

    private static List<CompiledRule> Fired(string? reason, string function)
    {
        (string, object)[] fields = reason is null
            ? [("location_func", function)]
            : [("reason", reason), ("location_func", function)];
        return FiredOn(fields);
    }

    private static List<CompiledRule> FiredOn(params (string, object)[] fields)
    {
        var ev = new FakeRuleEvent("kfree_skb", "life", fields);
        return [.. ShippedRules.For("kfree_skb", "life").Where(r => r.Matches(ev))];
    }
}
