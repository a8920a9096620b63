using NetTrace.Abstractions.Plugins;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>The traces, groups and fields the rule tests compile against, and short-hands.</summary>
internal static class RuleTestKit
{
    public static readonly RuleContext Context = new(
        ["x", "nft_do_chain", "ipt_do_table", "nf_hook_slow", "nf_nat_manip_pkt", "consume_skb", "kfree_skb",
         "enqueue_to_backlog", "netif_rx", "tcp_ack"],
        ["netfilter", "life", "link-in", "tcp-in"],
        RuleContext.DefaultFields);

    /// <summary>The language examples from the brief, as one file.</summary>
    public const string Examples = """
        # comments start with #
        rule nft_drop on nft_do_chain when ret == NF_DROP
          error "packet is dropped by iptables/iptables-nft"
          advice "check your iptables rule"

        rule nat on nf_nat_manip_pkt
          warn "NAT happens (packet address will change)"

        rule freed on consume_skb
          info "packet is freed (normally)"

        rule no_socket on kfree_skb when reason == "NO_SOCKET"
          error "no socket is listening on the destination port"
          advice "check that the service is running and listening on that port"

        rule backlog on enqueue_to_backlog, netif_rx when ret != 0 and not (pf == "bridge")
          error "the CPU backlog queue is full"
          advice "raise net.core.netdev_max_backlog"

        rule fw on group netfilter when verdict == "drop" or (hook == "FORWARD" and ret < 0)
          warn "..."
        """;

    public static RuleCompilation Compile(string text, string file = "t.rules", RuleCompilerOptions? options = null) =>
        RuleCompiler.Compile([new RuleSource(file, text)], Context, options);

    public static IReadOnlyList<string> Check(params (string File, string Text)[] files) =>
        RuleCompiler.Check(files.Select(f => new RuleSource(f.File, f.Text)), Context).Select(d => d.ToString()).ToList();

    public static CompiledRule Single(string text)
    {
        var compilation = Compile(text);
        Assert.Empty(compilation.Diagnostics);
        return Assert.Single(compilation.Rules);
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "nettrace-rules-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
