using System.CommandLine;
using System.Text.RegularExpressions;
using NetTrace.Host.Cli;
using NetTrace.Host.Session.Options;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>
/// docs/man/nettrace.8 documents every option and subcommand `nettrace --help` lists, under the same names and value
/// placeholders, and no option the CLI does not have. An option counts as documented when it appears in the tag of a
/// .TP (or .TQ) entry, the bold line man(1) prints above the option's paragraph.
/// </summary>
public sealed partial class ManPageTests
{
    private static readonly Lazy<IReadOnlyList<string>> Tags = new(() => RoffPage.TagLines(RoffPage.Read("docs/man/nettrace.8")));

    [Fact]
    public void NettracePage_EveryCliOption_HasAnEntryWithAllNamesAndValuePlaceholder()
    {
        var problems = new List<string>();
        foreach (var option in new CliOptions().InHelpOrder())
            problems.AddRange(Check(option));

        if (problems.Count > 0)
            Assert.Fail("docs/man/nettrace.8 is missing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NettracePage_HelpVersionAndSubcommands_HaveEntries()
    {
        var root = NetTraceCli.Build(CliFeatures.Current, (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0));
        var problems = new List<string>();
        // The options the command adds itself (help, version), and any a later change adds there.
        foreach (var option in root.Options)
            problems.AddRange(Check(option));
        foreach (string path in LeafCommands(root, ""))
        {
            if (!Tags.Value.Any(tag => tag.StartsWith(path, StringComparison.Ordinal)))
                problems.Add($"subcommand '{path}': no .TP entry starting with it");
        }

        Assert.NotEmpty(root.Subcommands);
        if (problems.Count > 0)
            Assert.Fail("docs/man/nettrace.8 is missing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NettracePage_EveryOptionItDocuments_ExistsInTheCli()
    {
        var root = NetTraceCli.Build(CliFeatures.Current, (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0));
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in AllOptions(root))
            known.UnionWith(Names(option));

        var unknown = Tags.Value
            .SelectMany(tag => OptionToken().Matches(tag).Select(m => m.Value))
            .Where(name => !known.Contains(name))
            .Distinct()
            .ToArray();

        if (unknown.Length > 0)
            Assert.Fail("docs/man/nettrace.8 documents options the CLI does not have: " + string.Join(", ", unknown));
    }

    [Fact]
    public void TagLines_RoffMarkup_IsReducedToPlainText()
    {
        string page = ".TH X 8\n.TP\n\\fB\\-p\\fR, \\fB\\-\\-proto\\fR \\fIPROTO\\fR\nKeep.\n.TQ\n.BR \\-\\-pkt\\-len \" \\fIN[\\-M]\\fR\"\n";

        Assert.Equal(["-p, --proto PROTO", "--pkt-len N[-M]"], RoffPage.TagLines(page));
    }

    /// <summary>One line per problem: the option is in no tag, or its tag lacks one of its names or its placeholder.</summary>
    private static IEnumerable<string> Check(Option option)
    {
        string[] names = Names(option);
        string? value = option.HelpName is { Length: > 0 } v ? v : null;
        var candidates = Tags.Value.Where(t => HasToken(t, option.Name)).ToArray();
        // A mode flag also heads its MODES entry; the OPTIONS entry is the one with every name and the placeholder.
        var tag = candidates.FirstOrDefault(t => names.All(n => HasToken(t, n)) && (value is null || t.Contains(value, StringComparison.Ordinal)))
            ?? candidates.FirstOrDefault();
        if (tag is null)
        {
            yield return $"{string.Join(", ", names)}: no .TP entry";
            yield break;
        }
        foreach (string name in names.Where(n => !HasToken(tag, n)))
            yield return $"{option.Name}: its entry '{tag}' does not name {name}";
        if (value is not null && !tag.Contains(value, StringComparison.Ordinal))
            yield return $"{option.Name}: its entry '{tag}' does not show the value {value}";
    }

    /// <summary>The names --help prints: the name and the aliases that start with '-' (System.CommandLine also accepts /h, /?).</summary>
    private static string[] Names(Option option) =>
        [option.Name, .. option.Aliases.Where(a => a.StartsWith('-')).Order(StringComparer.Ordinal)];

    private static IEnumerable<Option> AllOptions(Command command) =>
        command.Options.Concat(command.Subcommands.SelectMany(AllOptions));

    /// <summary>"probe", "rules check": the commands a user runs, as space-separated paths.</summary>
    private static IEnumerable<string> LeafCommands(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string path = prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name;
            if (sub.Subcommands.Count == 0)
                yield return path;
            else
                foreach (string leaf in LeafCommands(sub, path))
                    yield return leaf;
        }
    }

    private static bool HasToken(string tag, string name) =>
        OptionToken().Matches(tag).Any(m => m.Value == name);

    /// <summary>An option as a word of its own: -v, -?, --pkt-len, [-v] (not the dashes of /boot/config-* or N[-M]).</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?<!\w\[)--?[A-Za-z?][\w-]*")]
    private static partial Regex OptionToken();
}
