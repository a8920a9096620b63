using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

/// <summary>--json, --output and --pcap on the command line.</summary>
public class OutputOptionTests
{
    [Fact]
    public async Task JsonOutputPcap_Parsed()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--drop", "--json", "-o", "/tmp/a.json", "--pcap", "/tmp/a.pcapng");
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Session!.Json);
        Assert.Equal("/tmp/a.json", run.Session.OutputPath);
        Assert.Equal("/tmp/a.pcapng", run.Session.PcapPath);
    }

    [Theory]
    [InlineData("nettrace: --pcap cannot be used with --sock, which traces sockets, not packets", "--sock", "--pcap", "/tmp/x")]
    [InlineData("nettrace: --pcap and --output name the same file", "--pcap", "/tmp/x", "--output", "/tmp/x")]
    public async Task Conflicts_OneLine(string error, params string[] args)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, args));
    }
}
