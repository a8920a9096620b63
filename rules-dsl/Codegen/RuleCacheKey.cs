using System.Reflection;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// The content hash a compiled rules assembly is cached under: anything that could change the compiled
/// code is in it (generator, the rule texts in order, what they were validated against, Roslyn, runtime),
/// and nothing else (no names of directories, no timestamps).
/// </summary>
internal static class RuleCacheKey
{
    /// <summary>
    /// Who generated the code: the generator's version and the MVID of this assembly, which holds the generator.
    /// Deterministic builds make an MVID a hash of the module's content, so a changed generator (or anything else in
    /// this assembly) gets new keys even when nobody bumped the version, and an identical rebuild keeps them.
    /// </summary>
    public static string Generator { get; } =
        $"{GeneratedNames.Tool}/{GeneratedNames.GeneratorVersion}/{typeof(RuleCacheKey).Module.ModuleVersionId}";

    public static string Compute(IReadOnlyList<RuleSource> sources, RuleContext context) => Compute(sources, context, Generator);

    /// <param name="generator">What <see cref="Generator"/> says; a test gives another to see the key follow it.</param>
    internal static string Compute(IReadOnlyList<RuleSource> sources, RuleContext context, string generator)
    {
        // xxHash (128 bits), not SHA-256: the key names a cache entry, it does not vouch for it (the cache's owner and
        // modes do), and SHA-256's first use loads OpenSSL, 8-12 ms of a --monitor or --diag start on the host.
        var hash = new XxHash128();
        Add(hash, generator);
        // The contract the generated code is compiled against, by content likewise.
        Add(hash, typeof(IRuleEvent).Module.ModuleVersionId.ToString());
        // Roslyn's version read from our references, without loading Roslyn.
        foreach (var reference in typeof(RuleCacheKey).Assembly.GetReferencedAssemblies()
                     .Where(r => r.Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
                     .OrderBy(r => r.Name, StringComparer.Ordinal))
            Add(hash, reference.FullName);
        Add(hash, Environment.Version.ToString());
        AddRules(hash, sources, context);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>
    /// The key of a set compiled into the native executable (<see cref="LinkedRuleSets"/>): only the rules and what
    /// they were validated against, since the generator, the contract and the compiler are those of the executable
    /// that holds them. Computed without reflection, which the native executable lacks.
    /// </summary>
    public static string ComputeLinked(IReadOnlyList<RuleSource> sources, RuleContext context)
    {
        var hash = new XxHash128();
        Add(hash, $"{GeneratedNames.Tool}/{GeneratedNames.GeneratorVersion}/linked");
        AddRules(hash, sources, context);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static void AddRules(XxHash128 hash, IReadOnlyList<RuleSource> sources, RuleContext context)
    {
        Add(hash, $"sources:{sources.Count}");
        foreach (var source in sources)
        {
            Add(hash, source.Name);
            Add(hash, source.Text);
        }
        AddSorted(hash, "traces", context.Traces);
        AddSorted(hash, "groups", context.Groups);
        // Descriptions do not reach generated code; names and types do.
        AddSorted(hash, "fields", context.Fields.Select(f => $"{f.Name}:{f.Type}").ToList());
    }

    // Length-prefixed, so ("ab","c") and ("a","bc") differ; raw UTF-16, because UTF-8 would turn every lone
    // surrogate into U+FFFD and give different texts one key.
    private static void Add(XxHash128 hash, string text)
    {
        hash.Append(BitConverter.GetBytes(text.Length));
        hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void AddSorted(XxHash128 hash, string label, IReadOnlyCollection<string> items)
    {
        Add(hash, $"{label}:{items.Count}");
        foreach (var item in items.Order(StringComparer.Ordinal))
            Add(hash, item);
    }
}
