using NetTrace.Host.Cli;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class ProbeCommandTests
{
    [Fact]
    public async Task Probe_NoFlags_NotVerboseAndNoSession()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "probe");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new ProbeRequest(false), run.Probe);
        Assert.Null(run.Session);
    }

    [Theory]
    [InlineData("probe", "-v")]
    [InlineData("-v", "probe")]
    public async Task Probe_Verbose_EitherPosition(string first, string second)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, first, second);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new ProbeRequest(true), run.Probe);
    }

    [Fact]
    public async Task Probe_UnknownOption_PointsAtProbeHelp()
    {
        Assert.Equal("nettrace: unknown option '--saddr' (see nettrace probe --help)",
            await CliRun.ErrorAsync(CliFeatures.Current, "probe", "--saddr", "1.1.1.1"));
    }

    [Fact]
    public async Task Probe_ExitCode_ComesFromRunner()
    {
        int code = await NetTraceCli.InvokeAsync(
            ["probe"], CliFeatures.Current,
            (_, _) => Task.FromResult(0),
            (_, _) => Task.FromResult(3),
            TextWriter.Null, TextWriter.Null);
        Assert.Equal(3, code);
    }
}
