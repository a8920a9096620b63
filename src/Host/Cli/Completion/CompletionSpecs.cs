using System.CommandLine;
using System.CommandLine.Completions;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli.Completion;

/// <summary>
/// Reads the completion scripts' model off the command nettrace parses with, so the scripts offer exactly the
/// options, aliases and subcommands `--help` lists. Only what a value is (a trace name, a file...) is said here.
/// </summary>
internal static class CompletionSpecs
{
    private static readonly Dictionary<string, ValueKind> KindByName = new(StringComparer.Ordinal)
    {
        ["--proto"] = ValueKind.Choice,
        ["--trace"] = ValueKind.Traces,
        ["--trace-stack"] = ValueKind.Traces,
        ["--trace-matcher"] = ValueKind.Traces,
        ["--trace-exclude"] = ValueKind.Traces,
        ["--trace-free"] = ValueKind.Traces,
        ["--netns"] = ValueKind.Netns,
        ["--pid"] = ValueKind.Pid,
        ["--ifname"] = ValueKind.Interface,
        ["--tcp-flags"] = ValueKind.TcpFlags,
    };

    /// <summary>The letters --tcp-flags takes.</summary>
    public static readonly IReadOnlyList<string> TcpFlagLetters = [.. ValueParsers.TcpFlagLetters.Select(c => c.ToString())];

    public static CompletedCommand From(RootCommand root) => Read(root, "", []);

    private static CompletedCommand Read(Command command, string path, IReadOnlyList<Option> inherited)
    {
        var options = command.Options.Concat(inherited.Where(o => !command.Options.Contains(o))).Where(o => !o.Hidden).ToArray();
        var passedDown = inherited.Concat(command.Options.Where(o => o.Recursive)).Distinct().ToArray();
        return new CompletedCommand(
            path,
            command.Description ?? "",
            options.Select(Describe).ToArray(),
            command.Subcommands.Where(c => !c.Hidden).Select(c => Read(c, path.Length == 0 ? c.Name : path + " " + c.Name, passedDown)).ToArray(),
            command.Arguments.Where(a => !a.Hidden).Select(Describe).ToArray());
    }

    private static CompletedOption Describe(Option option)
    {
        string[] names = [option.Name, .. option.Aliases.Where(IsShellName).OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal)];
        ValueKind kind = option.Arity.MaximumNumberOfValues == 0 ? ValueKind.None
            : KindByName.TryGetValue(option.Name, out var known) ? known
            : KindOfPlaceholder(option.HelpName);
        IReadOnlyList<string> choices = kind switch
        {
            ValueKind.Choice when option.Name == "--proto" => ProtocolFilter.Names,
            ValueKind.TcpFlags => TcpFlagLetters,
            _ => [],
        };
        return new CompletedOption(names, OneLine(option.Description), kind, option.HelpName ?? "", choices,
            option.Arity.MaximumNumberOfValues > 1);
    }

    private static CompletedArgument Describe(Argument argument)
    {
        string[] choices = argument.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToArray();
        ValueKind kind = choices.Length > 0 ? ValueKind.Choice
            : argument.Name == "FILE" && argument.Arity.MaximumNumberOfValues > 1 ? ValueKind.RulesFiles // rules check
            : argument.Name is "FILE" or "GOOD" or "BAD" ? ValueKind.File
            : ValueKind.Free;
        int? words = argument.Arity.MaximumNumberOfValues > 1 ? null : argument.Arity.MaximumNumberOfValues;
        return new CompletedArgument(argument.Name, kind, choices, words);
    }

    // Help's "-?", "/h" and "/?" are for other platforms' habits; shells offer the usual spellings.
    private static bool IsShellName(string alias) => alias.Length > 1 && alias[0] == '-' && char.IsLetterOrDigit(alias.TrimStart('-').FirstOrDefault());

    private static ValueKind KindOfPlaceholder(string? helpName) => helpName switch
    {
        "FILE" => ValueKind.File,
        "DIR" => ValueKind.Directory,
        _ => ValueKind.Free,
    };

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
