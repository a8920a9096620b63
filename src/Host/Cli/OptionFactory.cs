using System.CommandLine;
using System.CommandLine.Parsing;

namespace NetTrace.Host.Cli;

/// <summary>The three shapes nettrace's options come in: a flag, one typed value, or a repeatable list.</summary>
internal static class OptionFactory
{
    public static Option<bool> Flag(string name, string? alias, string description) =>
        // Arity zero: a flag never swallows the next word ("--ret tcp" must not read "tcp" as a bool).
        new(name, Aliases(alias)) { Description = description, Arity = ArgumentArity.Zero };

    public static Option<T> Value<T>(string name, string? alias, string helpName, string description, ValueParser<T> parser) =>
        new(name, Aliases(alias))
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => Convert(result, name, parser),
        };

    /// <summary>Comma-separated names; the option may also be repeated, and all occurrences add up.</summary>
    public static Option<IReadOnlyList<string>> NameList(string name, string? alias, string helpName, string description, int max = int.MaxValue) =>
        new(name, Aliases(alias))
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                string? error = ValueParsers.NameList(result.Tokens.Select(t => t.Value), name, max, out var names);
                if (error is not null)
                    result.AddError(error);
                return names;
            },
        };

    /// <summary>One value per occurrence, taken verbatim (paths may contain commas).</summary>
    public static Option<IReadOnlyList<string>> Repeatable(string name, string helpName, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                var values = result.Tokens.Select(t => t.Value).ToArray();
                if (values.Any(string.IsNullOrWhiteSpace))
                    result.AddError($"{name} needs a non-empty value");
                return values;
            },
        };

    private static T? Convert<T>(ArgumentResult result, string name, ValueParser<T> parser)
    {
        string? error = parser(result.Tokens[0].Value, name, out T value);
        if (error is null)
            return value;
        result.AddError(error);
        return default;
    }

    private static string[] Aliases(string? alias) => alias is null ? [] : [alias];
}
