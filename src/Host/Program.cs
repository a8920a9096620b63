using NetTrace.Bpf;
using NetTrace.Host.Cli;
using NetTrace.Host.Cli.Commands;
using NetTrace.Host.Errors;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        StartupMarks.EnableFor(args);
        NativeLibraries.Install();
        InheritedSignals.Restore();
        var prefetch = StartupPrefetch.Begin(args);
        StartupMarks.Add("prefetch begun");
        try
        {
            return await Run(args, prefetch);
        }
        catch (Exception e) when (JitRequiredException.Within(e) is { } needed)
        {
            return JitHandOver.Continue(args, needed, Console.Error);
        }
    }

    private static Task<int> Run(string[] args, StartupPrefetch prefetch) =>
        NetTraceCli.InvokeAsync(
            args,
            CliFeatures.Current,
            (options, cancel) =>
            {
                StartupMarks.Add("command line parsed");
                return SessionRunner.RunAsync(options, prefetch, cancel);
            },
            (probe, cancel) => Task.FromResult(ProbeCommand.Run(Console.Out, Console.Error, probe.Verbose)),
            Console.Out,
            Console.Error,
            rules: new RulesHandlers(
                (check, _) => Task.FromResult(RulesCheckCommand.Run(check.Files, Console.Out, Console.Error)),
                (compile, _) => Task.FromResult(RulesCompileCommand.Run(compile.Cache, Console.Out, Console.Error, compile.CSharp))),
            offline: OfflineRunner.Handlers(prefetch));
}
