namespace NetTrace.Tests.Unit.Cli;

/// <summary>--ifname and --mark on the command line: what they bind, and their one-line errors.</summary>
public sealed class DeviceAndMarkOptionTests
{
    [Theory]
    [InlineData("16", 16u, 0xffffffffu)]
    [InlineData("0x10/0xff", 0x10u, 0xffu)]
    [InlineData("0/0x1", 0u, 1u)]
    [InlineData("4294967295", 0xffffffffu, 0xffffffffu)]
    public async Task Mark_ValueAndMask(string text, uint value, uint mask)
    {
        var options = await CliRun.ParseAsync("--drop", "--mark", text);
        Assert.Equal((value, mask), options.Mark);
    }

    [Theory]
    [InlineData("0x10/0", "nettrace: --mark 0x10/0: a mask of 0 matches every packet")]
    [InlineData("0x110/0xff", "nettrace: --mark 0x110/0xff: the value has bits outside the mask, so no packet can match")]
    [InlineData("ten", "nettrace: invalid mark 'ten' for --mark (expected VALUE or VALUE/MASK, decimal or 0x hex)")]
    [InlineData("1/2/3", "nettrace: invalid mark '1/2/3' for --mark (expected VALUE or VALUE/MASK, decimal or 0x hex)")]
    public async Task Mark_Refused(string text, string error) =>
        Assert.Equal(error, await CliRun.ErrorAsync("--drop", "--mark", text));

    [Fact]
    public async Task IfName_Bound() =>
        Assert.Equal("veth0", (await CliRun.ParseAsync("-p", "icmp", "--ifname", "veth0")).IfName);

    [Theory]
    [InlineData("a-name-of-16-chr")]
    [InlineData("eth/0")]
    [InlineData("..")]
    public async Task IfName_NotADeviceName(string name) =>
        Assert.Equal($"nettrace: invalid device name '{name}' for --ifname (1 to 15 characters, no '/', ':' or spaces)",
            await CliRun.ErrorAsync("--ifname", name));

    [Theory]
    [InlineData("--ifname", "lo", "nettrace: --ifname cannot be used with --sock, which traces sockets, not packets")]
    [InlineData("--mark", "1", "nettrace: --mark cannot be used with --sock, which traces sockets, not packets")]
    public async Task WithSock_Refused(string option, string value, string error) =>
        Assert.Equal(error, await CliRun.ErrorAsync("--sock", option, value));
}
