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
        void Add(string text)
        {
            // Length-prefixed, so ("ab","c") and ("a","bc") differ; raw UTF-16, because UTF-8 would turn
            // every lone surrogate into U+FFFD and give different texts one key.
            hash.Append(BitConverter.GetBytes(text.Length));
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        }

        Add(generator);
        // The contract the generated code is compiled against, by content likewise.
        Add(typeof(IRuleEvent).Module.ModuleVersionId.ToString());
        // Roslyn's version read from our references, without loading Roslyn.
        foreach (var reference in typeof(RuleCacheKey).Assembly.GetReferencedAssemblies()
                     .Where(r => r.Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
                     .OrderBy(r => r.Name, StringComparer.Ordinal))
            Add(reference.FullName);
        Add(Environment.Version.ToString());

        Add($"sources:{sources.Count}");
        foreach (var source in sources)
        {
            Add(source.Name);
            Add(source.Text);
        }
        AddSorted("traces", context.Traces, Add);
        AddSorted("groups", context.Groups, Add);
        // Descriptions do not reach generated code; names and types do.
        AddSorted("fields", context.Fields.Select(f => $"{f.Name}:{f.Type}").ToList(), Add);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static void AddSorted(string label, IReadOnlyCollection<string> items, Action<string> add)
    {
        add($"{label}:{items.Count}");
        foreach (var item in items.Order(StringComparer.Ordinal))
            add(item);
    }
}
