using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Kernel;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Sock;

/// <summary>Fitting the sock group to a kernel without kprobes, and reading HZ from a kernel config.</summary>
public sealed class KernelTargetsTests
{
    [Fact]
    public void Adapt_NoKprobes_KeepsTracepointsAndFallbacksWithReasons()
    {
        var group = new TraceGroup("sock", SockPlugin.Owner, null, SockCatalogue.Traces, [], null, null);
        var request = new GroupLoadRequest(group, SockCatalogue.Traces.Where(t => t.DefaultOn).ToList(), default(NtFilter), false);

        var fitted = KernelTargets.Adapt(request, Task.FromResult(new KprobeAvailability(false, false, "the kernel has no kprobe support")), _ => { }, out var leftOut);

        Assert.Equal(["tcp_retransmit_skb", "inet_sock_set_state", "tcp_probe", "tcp_send_reset", "tcp_receive_reset", "tcp_destroy_sock"],
            fitted.Traces.Select(t => t.Name));
        Assert.Equal(AttachKind.RawTracepoint, Assert.Single(fitted.Traces.Single(t => t.Name == "tcp_retransmit_skb").Targets).Kind);
        Assert.Equal(20, leftOut.Count);
        Assert.All(leftOut, l => Assert.EndsWith("the kernel has no kprobe support", TargetRefusal.Describe(l.Refusals)));
    }

    [Theory]
    [InlineData("CONFIG_HZ_250=y\nCONFIG_HZ=250\n", 250)]
    [InlineData("# CONFIG_HZ_PERIODIC is not set\nCONFIG_HZ=1000", 1000)]
    [InlineData("CONFIG_HZ_100=y", null)]
    public void ReadHz_FindsTheValueLine(string config, int? hz)
    {
        Assert.Equal(hz, KernelConfig.ReadHz(config.Split('\n')));
    }
}
