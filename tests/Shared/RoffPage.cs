using System.Text.RegularExpressions;

namespace NetTrace.Tests.Shared;

/// <summary>
/// The man pages under docs/man as the tests read them: the tag line of every .TP and .TQ entry, with the roff
/// markup taken out, and the repository files the tests read. Compiled into both test projects.
/// </summary>
internal static partial class RoffPage
{
    /// <summary>The text of a repository file.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>A repository file's path, found from the test's bin folder up to the solution.</summary>
    public static string PathOf(string relative)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "NetTraceFramework.sln")))
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        if (dir is null)
            throw new InvalidOperationException("repository root not found from " + AppContext.BaseDirectory);
        return Path.Combine(dir, relative);
    }

    public static IReadOnlyList<string> TagLines(string page)
    {
        var lines = page.Replace("\r\n", "\n").Split('\n');
        var tags = new List<string>();
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (TagMacro().IsMatch(lines[i]))
                tags.Add(Plain(lines[i + 1]));
        }
        return tags;
    }

    private static string Plain(string roff)
    {
        string text = LeadingFontMacro().Replace(roff, "");
        text = FontEscape().Replace(text, "");
        text = text.Replace("\\-", "-").Replace("\\&", "").Replace("\\~", " ").Replace("\\%", "").Replace("\"", "");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^\.(TP|TQ)\b")]
    private static partial Regex TagMacro();

    [GeneratedRegex(@"^\.(B|I|R|BR|RB|BI|IB|IR|RI)\s+")]
    private static partial Regex LeadingFontMacro();

    [GeneratedRegex(@"\\f(\[[^\]]*\]|\(..|.)")]
    private static partial Regex FontEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
