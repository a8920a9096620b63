using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Rules;

/// <summary>
/// `nettrace rules compile`: the rule sets the modes load, compiled ahead of any session into a cache folder (what
/// `./build.sh publish` puts in the bundle's rules-cache). Run here because it needs the real plugins.
/// </summary>
public sealed class RulesCompileTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public void Compile_TwiceIntoOneFolder_CompilesThenFindsEverySet()
    {
        string cache = Path.Combine(Path.GetTempPath(), $"nt-rules-{Guid.NewGuid():N}");
        try
        {
            using var first = NettraceProcess.RunToExit(Limit, "rules", "compile", "--cache", cache);
            using var second = NettraceProcess.RunToExit(Limit, "rules", "compile", "--cache", cache);

            Assert.Equal(0, first.ExitCode);
            Assert.Matches($@"^rules compile: knowledge base: [1-9]\d* rules compiled in {Pattern.Esc(cache)}$", first.Stdout[0]);
            Assert.Contains(first.Stdout, l => l.StartsWith("rules compile: sock markers: ", StringComparison.Ordinal));
            Assert.Equal(first.Stdout.Count, Directory.GetFiles(cache, "*.dll").Length);
            Assert.Equal(0, second.ExitCode);
            Assert.All(second.Stdout, l => Assert.Matches(@"^rules compile: .*: \d+ rules were already in ", l));
        }
        finally
        {
            if (Directory.Exists(cache))
                Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Compile_FolderThatKeepsNothing_OneLineAndExit1()
    {
        using var run = NettraceProcess.RunToExit(Limit, "rules", "compile", "--cache", "/proc/nettrace-rules");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^nettrace: rules compile: knowledge base: the compiled rules could not be stored in /proc/nettrace-rules ", run.Stderr.Trim());
    }
}
