using NetTrace.Host.Modes.Diff;
using NetTrace.Host.Modes.Replay;
using NetTrace.Host.Session;
using NetTrace.Host.Sinks;

namespace NetTrace.Host.Cli;

/// <summary>Runs `replay` and `diff` as sessions are run: buffered output (or --output), one-line failures.</summary>
internal static class OfflineRunner
{
    public static OfflineHandlers Handlers(StartupPrefetch prefetch) => new(
        (replay, cancel) => SessionRunner.RunGuardedAsync(replay.Options, cancel,
            token => SessionSinks.WithOutput(replay.Options, stdout => new ReplayCommand(replay, prefetch, stdout, Console.Error).Run(token))),
        (diff, cancel) => SessionRunner.RunGuardedAsync(diff.Options, cancel,
            _ => SessionSinks.WithOutput(diff.Options, stdout => new DiffCommand(diff, prefetch, stdout, Console.Error).Run())));
}
