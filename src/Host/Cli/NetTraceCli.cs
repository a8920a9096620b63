using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Options;

using NetTrace.Host.Session.Filters.Pcap;

namespace NetTrace.Host.Cli;

/// <summary>
/// The `nettrace` command line: the seed's options plus `probe`. Every usage error is one "nettrace: ..." line on
/// stderr and exit code 2; -h and -V print to stdout and exit 0.
/// </summary>
internal static class NetTraceCli
{
    public const int ExitUsage = 2;
    public const int ExitFailure = 1;
    public const string Description = "a tool to trace skb in kernel and diagnose network problem";
    public const string ProbeDescription =
        "report what this kernel offers (BTF, program/attach types, ring buffer, drop reasons)";

    public const string RulesCheckDescription =
        "check .rules files (and the plugins' own rules) without tracing: every error as file:line:col";

    public const string RulesCompileDescription =
        "compile the plugins' rules ahead of time into the rules cache, so that no session waits for the compiler";

    public static RootCommand Build(
        CliFeatures features,
        Func<SessionOptions, CancellationToken, Task<int>> runSession,
        Func<ProbeRequest, CancellationToken, Task<int>> runProbe,
        RulesHandlers? rules = null,
        OfflineHandlers? offline = null) =>
        Build(features, runSession, runProbe, rules, new CliOptions(), offline);

    /// <summary>Parses <paramref name="args"/> and runs the session or the probe; the entry point of Program.Main.</summary>
    public static async Task<int> InvokeAsync(
        string[] args,
        CliFeatures features,
        Func<SessionOptions, CancellationToken, Task<int>> runSession,
        Func<ProbeRequest, CancellationToken, Task<int>> runProbe,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancel = default,
        RulesHandlers? rules = null,
        OfflineHandlers? offline = null)
    {
        var options = new CliOptions();
        var root = Build(features, runSession, runProbe, rules, options, offline);
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }); // "@x" is not a file here
        if (CliErrors.Describe(parse) is { } error)
        {
            stderr.WriteLine("nettrace: " + error);
            return ExitUsage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false, // its report is a stack trace; ours is one line
            ProcessTerminationTimeout = null, // the session handles SIGINT/SIGTERM itself, to release BPF objects first
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException && JitRequiredException.Within(e) is null)
        {
            stderr.WriteLine("nettrace: " + e.Message);
            if (parse.GetValue(options.Debug))
                stderr.WriteLine(e);
            return ExitFailure;
        }
    }

    private static RootCommand Build(
        CliFeatures features,
        Func<SessionOptions, CancellationToken, Task<int>> runSession,
        Func<ProbeRequest, CancellationToken, Task<int>> runProbe,
        RulesHandlers? rulesHandlers,
        CliOptions options,
        OfflineHandlers? offline)
    {
        var root = new RootCommand(Description);
        var help = root.Options.OfType<HelpOption>().First();
        help.Description = "show help information";
        // Drops the stock --version (no -V, bare number); help goes last, as in the seed's listing.
        root.Options.Clear();
        foreach (var option in options.InHelpOrder())
            root.Options.Add(option);
        root.Options.Add(help);
        root.Options.Add(new Option<bool>("--version", "-V")
        {
            Description = "show nettrace version",
            Arity = ArgumentArity.Zero,
            Action = new VersionAction(),
        });
        root.Arguments.Add(options.Expression);
        root.Validators.Add(result => Validate(result, options, features));
        root.SetAction((parse, cancel) => runSession(SessionOptionsBinder.Bind(parse.CommandResult, options), cancel));

        var probe = new Command("probe", ProbeDescription); // -v reaches it as a recursive root option
        probe.SetAction((parse, cancel) => runProbe(new ProbeRequest(parse.GetValue(options.Verbose)), cancel));
        root.Subcommands.Add(probe);

        root.Subcommands.Add(RulesCommand(rulesHandlers));
        root.Subcommands.Add(OfflineCommands.Replay(offline?.Replay));
        root.Subcommands.Add(OfflineCommands.Diff(offline?.Diff));
        root.Subcommands.Add(Completion.CompletionCommand.Create());
        return root;
    }

    private static Command RulesCommand(RulesHandlers? handlers)
    {
        var files = new Argument<string[]>("FILE") { Description = ".rules files; none checks the plugins' own rules", Arity = ArgumentArity.ZeroOrMore };
        var check = new Command("check", RulesCheckDescription) { files };
        check.SetAction((parse, cancel) => handlers?.Check is { } run
            ? run(new RulesCheckRequest(parse.GetValue(files) ?? []), cancel)
            : Task.FromResult(ExitFailure));
        var cache = new Option<string>("--cache") { Description = "the cache folder to fill (default: the rules cache --diag reads)", HelpName = "DIR" };
        var csharp = new Option<string>("--csharp")
        {
            Description = "also write each set's C# into DIR, to be compiled into the native executable (build.sh does)", HelpName = "DIR",
        };
        var compile = new Command("compile", RulesCompileDescription) { cache, csharp };
        compile.SetAction((parse, cancel) => handlers?.Compile is { } run
            ? run(new RulesCompileRequest(parse.GetValue(cache), parse.GetValue(csharp)), cancel)
            : Task.FromResult(ExitFailure));
        return new Command("rules", "work with the diagnosis rules (.rules files)") { check, compile };
    }

    // Runs for the root command only (not for `probe`), as part of parsing, so its errors are parse errors.
    private static void Validate(CommandResult result, CliOptions options, CliFeatures features)
    {
        if (CliErrors.OptionAmongExpression(result.GetValue(options.Expression), result.Command) is { } unknown)
        {
            result.AddError(unknown);
            return;
        }
        if (SessionOptionsBinder.TryBind(result, options) is not { } session)
            return;
        var modes = new List<string>(2);
        foreach (var flag in options.ModeFlags)
        {
            if (result.GetValue(flag.Flag))
                modes.Add(flag.Flag.Name);
        }
        string? error = modes.Count > 1
            ? $"{modes[0]} and {modes[1]} cannot be used together (pick one mode)"
            : SessionOptionsRules.Check(session, features) ?? FilterExpressions.Check(session.FilterExpression);
        if (error is not null)
            result.AddError(error);
    }
}
