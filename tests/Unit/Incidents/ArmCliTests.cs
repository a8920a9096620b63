using NetTrace.Host.Session.Options;
using NetTrace.Tests.Unit.Cli;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>--arm and its settings on the command line: bound under --monitor, one usage line elsewhere.</summary>
public sealed class ArmCliTests
{
    [Fact]
    public async Task Arm_WithoutMonitor_OneLineError()
    {
        Assert.Equal("nettrace: --arm needs --monitor", await CliRun.ErrorAsync(CliFeatures.Current, "--arm"));
    }

    [Theory]
    [InlineData("--arm-for", "5")]
    [InlineData("--arm-packets", "3")]
    [InlineData("--arm-rate", "2")]
    [InlineData("--arm-dir", "/tmp/x")]
    public async Task ArmSetting_AloneWithoutMonitor_NamesThatSetting(string flag, string value)
    {
        Assert.Equal($"nettrace: {flag} needs --monitor", await CliRun.ErrorAsync(CliFeatures.Current, flag, value));
    }

    [Fact]
    public async Task ArmOn_InDiagMode_NeedsMonitor()
    {
        Assert.Equal("nettrace: --arm-on needs --monitor", await CliRun.ErrorAsync(CliFeatures.Current, "--diag", "--arm-on", "kfree_skb"));
    }

    [Fact]
    public async Task MonitorArm_NoSettings_DefaultsApply()
    {
        var arm = Assert.IsType<ArmOptions>((await CliRun.ParseAsync("--monitor", "--arm")).Arm);

        Assert.Empty(arm.On);
        Assert.Equal(TimeSpan.FromSeconds(ArmOptions.DefaultSeconds), arm.Duration);
        Assert.Equal(ArmOptions.DefaultPackets, arm.PacketLimit);
        Assert.Equal(ArmOptions.DefaultRate, arm.Rate);
    }

    [Fact]
    public async Task MonitorArmOn_RepeatedRules_BoundInOrderAndImplyArm()
    {
        var session = await CliRun.ParseAsync("--monitor", "--arm-on", "kfree_skb when reason == \"NO_SOCKET\"", "--arm-on", "tcp_send_reset");

        var arm = Assert.IsType<ArmOptions>(session.Arm);
        Assert.Equal(["kfree_skb when reason == \"NO_SOCKET\"", "tcp_send_reset"], arm.On);
    }

    [Fact]
    public async Task MonitorArmSettings_Bound()
    {
        var arm = (await CliRun.ParseAsync("--monitor", "--arm-for", "30", "--arm-packets", "9", "--arm-rate", "1", "--arm-dir", "/tmp/inc")).Arm!;

        Assert.Equal(TimeSpan.FromSeconds(30), arm.Duration);
        Assert.Equal(9u, arm.PacketLimit);
        Assert.Equal(1u, arm.Rate);
        Assert.Equal("/tmp/inc", arm.ResolvedDirectory);
    }

    [Fact]
    public async Task Monitor_WithoutArm_NotArmed()
    {
        Assert.Null((await CliRun.ParseAsync("--monitor")).Arm);
    }

    [Theory]
    [InlineData("--arm-rate", "0", "rate")]
    [InlineData("--arm-for", "0", "duration")]
    [InlineData("--arm-rate", "-1", "rate")]
    public async Task ArmNumber_NotPositive_OneLineError(string flag, string value, string what)
    {
        Assert.Equal($"nettrace: invalid {what} '{value}' for {flag} (expected a positive integer)",
            await CliRun.ErrorAsync("--monitor", flag, value));
    }
}
