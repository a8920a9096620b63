namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>`ping 127.0.0.1` must be followable end to end with the catalogue's traces.</summary>
public sealed class PingPathTests
{
    [Theory]
    [InlineData("ip_rcv", "ip-in")]
    [InlineData("ip_rcv_core", "ip-in")]
    [InlineData("ip_local_deliver", "ip-in")]
    [InlineData("icmp_rcv", "icmp")]
    [InlineData("ip_output", "ip-out")]
    [InlineData("ip_finish_output2", "ip-out")]
    [InlineData("__dev_queue_xmit", "link-out")]
    [InlineData("dev_hard_start_xmit", "link-out")]
    [InlineData("consume_skb", "life")]
    [InlineData("kfree_skb", "life")]
    [InlineData("skb_clone", "life")]
    [InlineData("nf_hook_slow", "netfilter")]
    [InlineData("nft_do_chain", "netfilter")]
    public void Catalogue_PingPathFunction_IsTracedInItsGroup(string trace, string group)
    {
        Assert.Contains(CatalogueGroups.Named(group).Traces, t => t.Name == trace);
    }
}
