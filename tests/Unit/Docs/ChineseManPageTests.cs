using System.Diagnostics;
using System.Text.RegularExpressions;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>
/// docs/man/zh_CN/nettrace.8 documents the same options and subcommands as the English page (which ManPageTests holds
/// to the CLI), entry for entry, and both pages render through man(1) with no warning.
/// </summary>
public sealed partial class ChineseManPageTests
{
    private const string English = "docs/man/nettrace.8";
    private const string Chinese = "docs/man/zh_CN/nettrace.8";

    [Fact]
    public void ChinesePage_DocumentsTheSameOptionsAsTheEnglishPage()
    {
        var english = Options(English);
        var chinese = Options(Chinese);

        Assert.True(english.SetEquals(chinese),
            $"only in {English}: {string.Join(", ", english.Except(chinese))}; only in {Chinese}: {string.Join(", ", chinese.Except(english))}");
    }

    [Fact]
    public void ChinesePage_HasTheEnglishPagesEntries_InItsOrder() =>
        Assert.Equal(RoffPage.TagLines(RoffPage.Read(English)), RoffPage.TagLines(RoffPage.Read(Chinese)));

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task Page_RendersWithoutWarnings(string page)
    {
        var man = Process.Start(new ProcessStartInfo("man", ["--warnings", "-E", "UTF-8", "-l", RoffPage.PathOf(page)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MANWIDTH"] = "80", ["MANPAGER"] = "cat", ["LC_ALL"] = "C.UTF-8" },
        })!;
        var output = man.StandardOutput.ReadToEndAsync();
        string warnings = await man.StandardError.ReadToEndAsync();
        await man.WaitForExitAsync();

        Assert.True(man.ExitCode == 0 && warnings.Length == 0, $"man -l {page} (exit {man.ExitCode}):\n{warnings}");
        Assert.Contains("--proto", (await output).Replace("\u2010", "-"));
    }

    private static HashSet<string> Options(string page) =>
        RoffPage.TagLines(RoffPage.Read(page)).SelectMany(tag => OptionToken().Matches(tag).Select(m => m.Value)).ToHashSet();

    [GeneratedRegex(@"(?<![\w-])--?[A-Za-z][\w-]*")]
    private static partial Regex OptionToken();
}
