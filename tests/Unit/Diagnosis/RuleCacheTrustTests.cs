using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Tests.Unit.Plugins;
using NetTrace.Tests.Unit.Rules;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// The compiled-rules cache is code loaded into a root process: a cached assembly that someone other than root
/// (or the sudo user) could have changed is not loaded; the rules are compiled afresh instead.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuleCacheTrustTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("nt-rules-cache-").FullName;

    /// <summary>A rule text no other test compiles, so its cache entry is this test's own.</summary>
    private static List<RuleSource> Rules() => [new("t.rules", $"# {Guid.NewGuid()}\nrule r on kfree_skb when ret < 0\n  error \"x\"\n")];

    /// <summary>Compiles <paramref name="rules"/> once into the cache and returns the cached assembly's path.</summary>
    private string Cached(List<RuleSource> rules)
    {
        Assert.False(RuleBook.Compile(rules, RuleTestKit.Context, _cache).FromCache);
        return Assert.Single(Directory.GetFiles(_cache, "*.dll"));
    }

    [Fact]
    public void Compile_TrustedCache_LoadsTheCachedAssembly()
    {
        var rules = Rules();
        Cached(rules);

        Assert.True(RuleBook.Compile(rules, RuleTestKit.Context, _cache).FromCache);
    }

    [Fact]
    public void Compile_CachedAssemblyWritableByOthers_CompiledAfresh()
    {
        var rules = Rules();
        File.SetUnixFileMode(Cached(rules), (UnixFileMode)0b110_100_110);

        var book = RuleBook.Compile(rules, RuleTestKit.Context, _cache);

        Assert.False(book.FromCache);
        Assert.Single(book.Rules);
    }

    [Fact]
    public void Compile_CachedAssemblyOwnedBySomeoneElse_CompiledAfreshAndReplaced()
    {
        var rules = Rules();
        FileOwner.Chown(Cached(rules), FileOwner.Nobody);

        Assert.False(RuleBook.Compile(rules, RuleTestKit.Context, _cache).FromCache);
        // The fresh assembly took the refused one's place, so the next start is warm again.
        Assert.True(RuleBook.Compile(rules, RuleTestKit.Context, _cache).FromCache);
    }

    [Fact]
    public void Compile_CacheDirectoryWritableByGroup_CompiledAfresh()
    {
        var rules = Rules();
        Cached(rules);
        File.SetUnixFileMode(_cache, (UnixFileMode)0b111_111_101);

        Assert.False(RuleBook.Compile(rules, RuleTestKit.Context, _cache).FromCache);
    }

    [Fact]
    public void Compile_RefusedCache_SaysWhyInOneVerboseLine()
    {
        var rules = Rules();
        string dll = Cached(rules);
        File.SetUnixFileMode(dll, (UnixFileMode)0b110_110_100);
        var said = new List<string>();

        RuleBook.Compile(rules, RuleTestKit.Context, _cache, said.Add);

        Assert.Equal([$"rules cache: not loading {dll}: {dll} is writable by its group; compiling the rules instead"], said);
    }

    [Fact]
    public void Compile_FreshCache_DirectoryAndAssemblyWritableOnlyByRoot()
    {
        string directory = Path.Combine(_cache, "made", "here");

        RuleBook.Compile(Rules(), RuleTestKit.Context, directory);

        Assert.All(new[] { directory, Assert.Single(Directory.GetFiles(directory, "*.dll")) },
            path => Assert.Equal(0, (int)File.GetUnixFileMode(path) & 0b000_010_010));
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
