using System.CommandLine;

namespace NetTrace.Host.Cli.Completion;

/// <summary>
/// `nettrace completion SHELL`: prints the completion script for bash, fish or zsh, for a nettrace installed without
/// a package (the tarball, a copied bundle). fish's and zsh's are made from the command being parsed, so they
/// never fall behind its options; bash's is the hand-written completions/nettrace.bash, built in.
/// </summary>
internal static class CompletionCommand
{
    public const string Description = "print the shell completion script for bash, fish or zsh";

    public static readonly IReadOnlyList<string> Shells = ["bash", "fish", "zsh"];

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, fish or zsh" };
        shell.CompletionSources.Add([.. Shells]);
        shell.Validators.Add(result =>
        {
            string given = result.GetValueOrDefault<string>() ?? "";
            if (!Shells.Contains(given))
                result.AddError($"unknown shell '{given}' for completion (expected bash, fish or zsh)");
        });
        var command = new Command("completion", Description) { shell };
        command.SetAction(parse =>
        {
            var root = (RootCommand)parse.RootCommandResult.Command;
            parse.InvocationConfiguration.Output.Write(Script(parse.GetValue(shell)!, root));
            return 0;
        });
        return command;
    }

    public static string Script(string shell, RootCommand root) => shell switch
    {
        "fish" => FishCompletion.Write(CompletionSpecs.From(root)),
        "zsh" => ZshCompletion.Write(CompletionSpecs.From(root)),
        _ => BashScript(),
    };

    private static string BashScript()
    {
        using var stream = typeof(CompletionCommand).Assembly.GetManifestResourceStream("completions/nettrace.bash")
            ?? throw new InvalidOperationException("this build of nettrace lacks its bash completion script");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
