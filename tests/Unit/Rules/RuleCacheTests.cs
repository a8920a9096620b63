using System.Reflection;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Rules.Codegen;

namespace NetTrace.Tests.Unit.Rules;

public class RuleCacheTests
{
    // A text no other test compiles, so their cache entries and counters cannot interfere.
    private static string UniqueRule(string message = "dropped") =>
        $"# {Guid.NewGuid()}\nrule r on kfree_skb when ret < 0\n  error \"{message}\"\n";

    [Fact]
    public void Compile_SecondTime_FromCacheWithSameBehaviour()
    {
        var options = new RuleCompilerOptions { CacheDirectory = RuleTestKit.TempDirectory() };
        var text = UniqueRule();
        var cold = RuleTestKit.Compile(text, options: options);
        var warm = RuleTestKit.Compile(text, options: options);
        Assert.False(cold.FromCache);
        Assert.True(warm.FromCache);
        Assert.Null(warm.GeneratedSource);
        Assert.Single(Directory.GetFiles(options.CacheDirectory!, "*.dll"));
        var rule = Assert.Single(warm.Rules);
        Assert.Equal(("r", "dropped", FindingLevel.Error), (rule.Name, rule.Message, rule.Level));
        Assert.True(rule.Matches(new FakeRuleEvent("kfree_skb", "life", ("ret", -1L))));
        Assert.False(rule.Matches(new FakeRuleEvent("kfree_skb", "life", ("ret", 0L))));
    }

    [Fact]
    public void Compile_WarmStartInFreshContext_NeverLoadsRoslyn()
    {
        var directory = RuleTestKit.TempDirectory();
        var sources = new List<RuleSource> { new("a.rules", UniqueRule()) };
        Assert.False(RuleCompiler.Compile(sources, RuleTestKit.Context, new() { CacheDirectory = directory }).FromCache);

        var isolated = new IsolatedRulesContext();
        try
        {
            var rules = isolated.Rules;
            var warm = CompileIn(rules, sources, directory, noCache: false);
            Assert.True((bool)Property(warm, "FromCache"));
            Assert.False(isolated.HasLoaded("Microsoft.CodeAnalysis"));
            Assert.Equal(0, (int)rules.GetType("NetTrace.Rules.RuleCompiler")!.GetProperty("RoslynCompilations")!.GetValue(null)!);
            var rule = ((System.Collections.IEnumerable)Property(warm, "Rules")).Cast<object>().Single();
            var matches = (Func<IRuleEvent, bool>)Property(rule, "Matches");
            Assert.True(matches(new FakeRuleEvent("kfree_skb", "life", ("ret", -2L))));

            // The same probe does see Roslyn when the cache is bypassed, so the check above means something.
            CompileIn(rules, sources, directory, noCache: true);
            Assert.True(isolated.HasLoaded("Microsoft.CodeAnalysis.CSharp"));
        }
        finally
        {
            isolated.Unload();
        }
    }

    [Fact]
    public void Compile_ShippedHasTheEntry_ServesIt_AndWritesNothing()
    {
        var shipped = RuleTestKit.TempDirectory();
        var text = UniqueRule();
        Assert.False(RuleTestKit.Compile(text, options: new() { CacheDirectory = shipped }).FromCache);
        var userCache = RuleTestKit.TempDirectory();

        var warm = RuleTestKit.Compile(text, options: new() { CacheDirectory = userCache, ShippedDirectory = shipped });

        Assert.True(warm.FromCache);
        Assert.Empty(Directory.GetFiles(userCache));
        Assert.True(Assert.Single(warm.Rules).Matches(new FakeRuleEvent("kfree_skb", "life", ("ret", -1L))));
    }

    [Fact]
    public void Compile_ShippedRefusedOrNoCache_Compiles()
    {
        var shipped = RuleTestKit.TempDirectory();
        var text = UniqueRule();
        RuleTestKit.Compile(text, options: new() { CacheDirectory = shipped });
        var userCache = RuleTestKit.TempDirectory();

        var refused = RuleTestKit.Compile(text, options: new()
        {
            CacheDirectory = userCache,
            ShippedDirectory = shipped,
            CacheTrust = path => path.StartsWith(shipped, StringComparison.Ordinal) ? "not ours" : null,
        });
        var bypassed = RuleTestKit.Compile(text, options: new() { CacheDirectory = RuleTestKit.TempDirectory(), ShippedDirectory = shipped, NoCache = true });

        Assert.False(refused.FromCache);
        Assert.Contains("not ours", refused.CacheRefusal);
        Assert.Single(Directory.GetFiles(userCache, "*.dll")); // the fresh result goes to the user's cache
        Assert.False(bypassed.FromCache);
    }

    [Fact]
    public void Compile_NoCache_CompilesAgainAndRefreshesEntry()
    {
        var options = new RuleCompilerOptions { CacheDirectory = RuleTestKit.TempDirectory() };
        var text = UniqueRule();
        RuleTestKit.Compile(text, options: options);
        var forced = RuleTestKit.Compile(text, options: options with { NoCache = true });
        Assert.False(forced.FromCache);
        Assert.NotNull(forced.GeneratedSource);
        Assert.True(RuleTestKit.Compile(text, options: options).FromCache);
    }

    [Fact]
    public void CacheKey_OneCharacterOfMessage_ChangesKeyAndResult()
    {
        var options = new RuleCompilerOptions { CacheDirectory = RuleTestKit.TempDirectory() };
        var text = UniqueRule("dropped");
        var changed = text.Replace("dropped", "droppeD");
        Assert.Equal(Key(text), Key(text));
        Assert.NotEqual(Key(text), Key(changed));
        RuleTestKit.Compile(text, options: options);
        var second = RuleTestKit.Compile(changed, options: options);
        Assert.False(second.FromCache);
        Assert.Equal("droppeD", Assert.Single(second.Rules).Message);
    }

    [Fact]
    public void CacheKey_OtherGenerator_OtherKey()
    {
        RuleSource a = new("a.rules", "rule a on x info \"m\"");
        var key = RuleCacheKey.Compute([a], RuleTestKit.Context);
        Assert.Equal(key, RuleCacheKey.Compute([a], RuleTestKit.Context, RuleCacheKey.Generator));
        Assert.NotEqual(key, RuleCacheKey.Compute([a], RuleTestKit.Context, RuleCacheKey.Generator.Replace(GeneratedNames.GeneratorVersion, "1.0")));
        // The generator's identity is its version and the content hash of the assembly that holds it.
        Assert.Contains(GeneratedNames.GeneratorVersion, RuleCacheKey.Generator);
        Assert.Contains(typeof(RuleCacheKey).Module.ModuleVersionId.ToString(), RuleCacheKey.Generator);
    }

    [Fact]
    public void CacheKey_DependsOnNamesOrderAndContext_NotOnContextOrder()
    {
        RuleSource a = new("a.rules", "rule a on x info \"m\""), b = new("b.rules", "rule b on x info \"m\"");
        var context = RuleTestKit.Context;
        var key = RuleCacheKey.Compute([a, b], context);
        Assert.NotEqual(key, RuleCacheKey.Compute([b, a], context));
        Assert.NotEqual(key, RuleCacheKey.Compute([a with { Name = "c.rules" }, b], context));
        Assert.NotEqual(key, RuleCacheKey.Compute([a, b], context with { Traces = [.. context.Traces, "tcp_probe"] }));
        Assert.NotEqual(key, RuleCacheKey.Compute([a, b], context with
        {
            Fields = [.. context.Fields.Select(f => f.Name == "ret" ? f with { Type = RuleFieldType.Text } : f)],
        }));
        Assert.Equal(key, RuleCacheKey.Compute([a, b], context with { Groups = [.. context.Groups.Reverse()] }));
        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    [Fact]
    public void Compile_CorruptOrForeignCacheEntry_CompilesFresh()
    {
        var directory = RuleTestKit.TempDirectory();
        var options = new RuleCompilerOptions { CacheDirectory = directory };
        var text = UniqueRule();
        var keyPath = Path.Combine(directory, Key(text) + ".dll");

        File.WriteAllText(keyPath, "not an assembly");
        var afterGarbage = RuleTestKit.Compile(text, options: options);
        Assert.False(afterGarbage.FromCache);
        Assert.Empty(afterGarbage.Diagnostics);

        // Another rule set's assembly under this key: its class is another rule, so it is not trusted.
        var other = "rule other on kfree_skb info \"m\"";
        RuleTestKit.Compile(other, options: options);
        File.Copy(Path.Combine(directory, Key(other) + ".dll"), keyPath, overwrite: true);
        var afterForeign = RuleTestKit.Compile(text, options: options);
        Assert.False(afterForeign.FromCache);
        Assert.Equal("r", Assert.Single(afterForeign.Rules).Name);
    }

    [Fact]
    public void Compile_UnwritableCacheDirectory_StillCompiles()
    {
        var file = Path.Combine(RuleTestKit.TempDirectory(), "a-file");
        File.WriteAllText(file, "");
        var options = new RuleCompilerOptions { CacheDirectory = Path.Combine(file, "cache") };
        var text = UniqueRule();
        Assert.Single(RuleTestKit.Compile(text, options: options).Rules);
        Assert.False(RuleTestKit.Compile(text, options: options).FromCache);
    }

    private static string Key(string text) => RuleCacheKey.Compute([new RuleSource("t.rules", text)], RuleTestKit.Context);

    private static object CompileIn(Assembly rules, List<RuleSource> sources, string directory, bool noCache)
    {
        var contextType = rules.GetType("NetTrace.Rules.Model.RuleContext")!;
        var context = Activator.CreateInstance(contextType, RuleTestKit.Context.Traces, RuleTestKit.Context.Groups,
            RuleTestKit.Context.Fields)!;
        var options = Activator.CreateInstance(rules.GetType("NetTrace.Rules.RuleCompilerOptions")!)!;
        options.GetType().GetProperty("CacheDirectory")!.SetValue(options, directory);
        options.GetType().GetProperty("NoCache")!.SetValue(options, noCache);
        var compile = rules.GetType("NetTrace.Rules.RuleCompiler")!.GetMethod("Compile")!;
        return compile.Invoke(null, [sources, context, options])!;
    }

    private static object Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target)!;
}
