using System.Net;
using NetTrace.Host.Cli;
using NetTrace.Host.Modes.Diff;
using NetTrace.Host.Modes.Replay;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

/// <summary>`nettrace replay` and `nettrace diff` on the command line: what they bind, and their one-line usage errors.</summary>
public sealed class OfflineCliTests
{
    private sealed record Run(int ExitCode, string Stderr, ReplayRequest? Replay, DiffRequest? Diff, SessionOptions? Session);

    private static async Task<Run> InvokeAsync(params string[] args)
    {
        ReplayRequest? replay = null;
        DiffRequest? diff = null;
        SessionOptions? session = null;
        var stderr = new StringWriter { NewLine = "\n" };
        var offline = new OfflineHandlers((r, _) => { replay = r; return Task.FromResult(0); }, (d, _) => { diff = d; return Task.FromResult(0); });
        int code = await NetTraceCli.InvokeAsync(args, CliFeatures.Current, (s, _) => { session = s; return Task.FromResult(0); },
            (_, _) => Task.FromResult(0), TextWriter.Null, stderr, offline: offline);
        return new Run(code, stderr.ToString(), replay, diff, session);
    }

    private static async Task<string> ErrorAsync(params string[] args)
    {
        var run = await InvokeAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Null(run.Replay);
        Assert.Null(run.Diff);
        Assert.Null(run.Session);
        Assert.EndsWith("\n", run.Stderr);
        return Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Replay_DiagWithFilter_BindsFileModeAndAddress()
    {
        var run = await InvokeAsync("replay", "capture.ntrec", "--diag", "--addr", "1.2.3.4");

        Assert.Equal(0, run.ExitCode);
        var replay = Assert.IsType<ReplayRequest>(run.Replay);
        Assert.Equal("capture.ntrec", replay.File);
        Assert.Equal(TraceMode.Diagnose, replay.Options.Mode);
        Assert.Equal(IPAddress.Parse("1.2.3.4"), replay.Options.AnyAddress);
        Assert.Null(run.Session);
    }

    [Fact]
    public async Task Replay_NoModeFlag_LeavesTheDefaultForTheRecordingToDecide()
    {
        var run = await InvokeAsync("replay", "capture.ntrec", "--json");

        Assert.Equal(TraceMode.Lifecycle, run.Replay!.Options.Mode);
        Assert.True(run.Replay.Options.Json);
    }

    [Fact]
    public async Task Replay_BasicAndDiag_OneLineError()
    {
        Assert.Equal("nettrace: --basic and --diag cannot be used together (pick one mode)",
            await ErrorAsync("replay", "capture.ntrec", "--basic", "--diag"));
    }

    [Fact]
    public async Task Replay_WithoutFile_OneLineError()
    {
        Assert.Contains("'replay'", await ErrorAsync("replay"));
    }

    [Fact]
    public async Task Replay_LiveOnlyOption_IsUnknownThere()
    {
        Assert.Equal("nettrace: unknown option '--monitor' (see nettrace replay --help)", await ErrorAsync("replay", "capture.ntrec", "--monitor"));
    }

    [Fact]
    public async Task Diff_TwoSidesAndJson_Bound()
    {
        var run = await InvokeAsync("diff", "good.ntrec", "bad.ntrec#3", "--json", "-p", "icmp");

        Assert.Equal(0, run.ExitCode);
        var diff = Assert.IsType<DiffRequest>(run.Diff);
        Assert.Equal("good.ntrec", diff.Good);
        Assert.Equal("bad.ntrec#3", diff.Bad);
        Assert.True(diff.Options.Json);
        Assert.Equal(ProtocolFilter.Icmp, diff.Options.Protocol);
    }

    [Fact]
    public async Task Diff_OneSide_OneLineError()
    {
        Assert.Contains("'diff'", await ErrorAsync("diff", "good.ntrec"));
    }

    [Fact]
    public async Task Diff_ModeFlag_IsUnknownThere()
    {
        Assert.Equal("nettrace: unknown option '--diag' (see nettrace diff --help)", await ErrorAsync("diff", "a.ntrec", "b.ntrec", "--diag"));
    }
}
