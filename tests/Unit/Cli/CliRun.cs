using NetTrace.Host.Cli;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

/// <summary>One in-process `nettrace` invocation with its output captured and the request it produced.</summary>
internal sealed class CliRun
{
    public int ExitCode { get; private init; }
    public string Stdout { get; private init; } = "";
    public string Stderr { get; private init; } = "";
    public SessionOptions? Session { get; private set; }
    public ProbeRequest? Probe { get; private set; }

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<CliRun> InvokeAsync(CliFeatures features, params string[] args)
    {
        SessionOptions? session = null;
        ProbeRequest? probe = null;
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = await NetTraceCli.InvokeAsync(
            args,
            features,
            (s, _) => { session = s; return Task.FromResult(0); },
            (p, _) => { probe = p; return Task.FromResult(0); },
            stdout,
            stderr);
        return new CliRun { ExitCode = code, Stdout = stdout.ToString(), Stderr = stderr.ToString(), Session = session, Probe = probe };
    }

    /// <summary>Parses with every feature on and returns the session options, failing on any error.</summary>
    public static async Task<SessionOptions> ParseAsync(params string[] args)
    {
        var run = await InvokeAsync(CliFeatures.All, args);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal("", run.Stderr);
        return Assert.IsType<SessionOptions>(run.Session);
    }

    /// <summary>Runs expecting a usage error and returns its single stderr line.</summary>
    public static Task<string> ErrorAsync(params string[] args) => ErrorAsync(CliFeatures.All, args);

    public static async Task<string> ErrorAsync(CliFeatures features, params string[] args)
    {
        var run = await InvokeAsync(features, args);
        Assert.Equal(2, run.ExitCode);
        Assert.Null(run.Session);
        Assert.Null(run.Probe);
        Assert.Equal("", run.Stdout);
        Assert.Single(run.StderrLines);
        Assert.EndsWith("\n", run.Stderr);
        return run.StderrLines[0];
    }
}
