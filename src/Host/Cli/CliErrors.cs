using System.CommandLine;
using System.CommandLine.Parsing;

namespace NetTrace.Host.Cli;

/// <summary>Picks the one parse error to show and words System.CommandLine's own errors the nettrace way.</summary>
internal static class CliErrors
{
    /// <summary>The message (without "nettrace: ") for a failed parse, or null when there is nothing to report.</summary>
    public static string? Describe(ParseResult result)
    {
        if (result.Errors.Count == 0)
            return null; // includes -h and -V, whose actions clear parse errors
        string help = HelpHint(result.CommandResult.Command);
        // An option's own error first: in "-s -d 1.1.1.1" the real mistake is "-d" taken as the address, not the
        // stray "1.1.1.1" after it. Then stray words, then the command's rules (which matter only on a clean line).
        if (result.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult) is { SymbolResult: OptionResult option } optionError)
        {
            // Arity is checked before our parsers run, so these two still carry System.CommandLine's wording.
            var arity = option.Option.Arity;
            if (option.Tokens.Count == 0 && arity.MinimumNumberOfValues > 0)
                return $"{option.Option.Name} needs a value (see {help})";
            if (option.Tokens.Count > arity.MaximumNumberOfValues)
                return $"{option.Option.Name} was given more than once";
            return Flatten(optionError.Message);
        }
        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            return token.StartsWith('-') && token.Length > 1
                ? $"unknown option '{token}' (see {help})"
                : $"unexpected argument '{token}' (see {help})";
        }
        var command = result.CommandResult.Command;
        if (command is not RootCommand && command.Subcommands.Count > 0 && command.Action is null)
            return $"{command.Name} needs a subcommand: {string.Join(", ", command.Subcommands.Select(c => $"'{command.Name} {c.Name}'"))} (see {help})";
        var error = result.Errors[0];
        return Flatten(error.Message);
    }

    /// <summary>
    /// A word of the filter expression that looks like an option (System.CommandLine hands unknown options to the
    /// positional expression): reported as the unknown option it most likely is, or null.
    /// </summary>
    public static string? OptionAmongExpression(IEnumerable<string>? words, Command command) =>
        words?.FirstOrDefault(w => w.StartsWith('-') && w.Length > 1) is { } option ? $"unknown option '{option}' (see {HelpHint(command)})" : null;

    private static string HelpHint(Command command) =>
        command is RootCommand ? "nettrace --help" : $"nettrace {command.Name} --help";

    // The contract is one line on stderr, whatever a message contains.
    private static string Flatten(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
