using System.Diagnostics;
using NetTrace.Host.Cli;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>
/// completions/nettrace.bash offers every option the CLI has, and completes for real when bash runs it
/// (COMP_WORDS/COMP_CWORD set as bash's completion would, then the function called).
/// </summary>
public sealed class CompletionTests
{
    private const string Script = "completions/nettrace.bash";

    [Fact]
    public void Completion_OffersEveryCliOption()
    {
        string script = RoffPage.Read(Script);
        int start = script.IndexOf("_nettrace_options='", StringComparison.Ordinal) + "_nettrace_options='".Length;
        var offered = script[start..script.IndexOf('\'', start)].Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        var missing = new CliOptions().InHelpOrder()
            .SelectMany(o => o.Aliases.Append(o.Name))
            .Where(name => name.StartsWith('-') && !offered.Contains(name))
            .Distinct()
            .ToArray();

        Assert.True(missing.Length == 0, "completions/nettrace.bash does not offer: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("--pro", "--proto")]
    [InlineData("--proto ic", "icmp")]
    [InlineData("--dr", "--drop-stack")]
    [InlineData("rules ", "check")]
    [InlineData("", "completion")]
    [InlineData("completion ", "zsh")]
    public void Completion_InBash_CompletesTheWord(string line, string expected)
    {
        // The last word is the one being completed (possibly empty, after a trailing space).
        string[] words = ["nettrace", .. line.Split(' ')];
        string array = string.Join(' ', words.Select(w => $"'{w}'"));
        string program = $"source '{RoffPage.PathOf(Script)}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; " +
                         $"COMP_LINE='nettrace {line}'; COMP_POINT=${{#COMP_LINE}}; _nettrace nettrace '{words[^1]}' '{words[^2]}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var bash = Process.Start(new ProcessStartInfo("bash", ["--norc", "-c", program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // No nettrace on PATH: names that need it complete to nothing, options still complete.
            Environment = { ["PATH"] = "/usr/bin:/bin" },
        })!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.Contains(expected, output.Split('\n'));
    }
}
