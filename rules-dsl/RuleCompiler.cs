using NetTrace.Abstractions.Plugins;
using NetTrace.Rules.Codegen;
using NetTrace.Rules.Model;

namespace NetTrace.Rules;

/// <summary>
/// Compiles .rules files into matchers. A cache hit goes text → model → load the cached assembly and
/// never touches a Roslyn type (so Roslyn is not even loaded); a miss generates C#, compiles it with
/// Roslyn and stores the assembly under its content hash.
/// </summary>
public static class RuleCompiler
{
    private static int roslynCompilations;

    [ThreadStatic]
    private static int t_frontEndRuns;

    /// <summary>How often this thread has parsed and checked rules; lets tests see that a warm start did not.</summary>
    internal static int FrontEndRunsOnThisThread => t_frontEndRuns;

    /// <summary>How often this process has run Roslyn; lets tests see that a warm start did not.</summary>
    public static int RoslynCompilations => Volatile.Read(ref roslynCompilations);

    /// <summary>
    /// The rules of a set linked into this executable (<see cref="LinkedRuleSets"/>, the native one), bound without
    /// loading or compiling anything; null when no set is linked in or not this one.
    /// </summary>
    public static IReadOnlyList<CompiledRule>? Linked(IReadOnlyList<RuleSource> sources, RuleContext context)
    {
        if (!LinkedRuleSets.Any || !LinkedRuleSets.TryGet(RuleCacheKey.ComputeLinked(sources, context), out var model, out var matchers))
            return null;
        return RuleModelFile.Read(model()) is { Count: > 0 } rules ? RuleBinder.BindLinked(matchers(), rules, context) : null;
    }

    /// <summary>
    /// Writes to <paramref name="path"/> the C# that links <paramref name="sources"/> into an executable compiled ahead
    /// of time (<see cref="Linked"/> finds it there). Returns the diagnostics, and writes nothing, when they do not
    /// analyse cleanly.
    /// </summary>
    public static IReadOnlyList<RuleDiagnostic> WriteLinkedSource(IReadOnlyList<RuleSource> sources, RuleContext context, string path)
    {
        var (diagnostics, rules) = RuleFrontEnd.Analyze(sources.ToList(), context);
        if (diagnostics.Count > 0 || rules.Count == 0)
            return diagnostics;
        File.WriteAllText(path, LinkedRuleWriter.Write(rules, context, RuleCacheKey.ComputeLinked(sources, context)));
        return [];
    }

    /// <summary>Lints rule files without compiling them (<c>nettrace rules check</c>).</summary>
    public static IReadOnlyList<RuleDiagnostic> Check(IEnumerable<RuleSource> sources, RuleContext context) =>
        RuleFrontEnd.Analyze(sources.ToList(), context).Diagnostics;

    public static RuleCompilation Compile(IEnumerable<RuleSource> sources, RuleContext context, RuleCompilerOptions? options = null)
    {
        options ??= new RuleCompilerOptions();
        var sourceList = sources.ToList();
        string? key = null;
        if (!options.NoCache && options.WriteGeneratedTo is null)
        {
            key = RuleCacheKey.Compute(sourceList, context);
            if (FromCachedModel(key, context, options) is { } warm)
                return warm;
        }
        t_frontEndRuns++;
        var (diagnostics, rules) = RuleFrontEnd.Analyze(sourceList, context);
        if (rules.Count == 0)
            return new RuleCompilation(diagnostics, [], false, null);

        key ??= RuleCacheKey.Compute(sourceList, context);
        var generated = options.WriteGeneratedTo is null ? null : Generate(rules, context, options.WriteGeneratedTo);
        string? refusal = null;
        foreach (var directory in options.NoCache ? [] : new[] { options.CacheDirectory, options.ShippedDirectory })
        {
            if (directory is null)
                continue;
            if (RuleAssemblyCache.Distrust(directory, key, options.CacheTrust) is { } why)
            {
                refusal ??= why;
                continue;
            }
            if (RuleAssemblyCache.TryRead(directory, key) is { } cachedImage
                && RuleBinder.Bind(cachedImage, rules, context) is { } cachedRules)
            {
                // An entry from before the analysed rules were kept: the next start needs no parse.
                if (directory == options.CacheDirectory && diagnostics.Count == 0)
                    RuleAssemblyCache.TryWrite(directory, key, RuleModelFile.Write(rules), RuleAssemblyCache.Model);
                return new RuleCompilation(diagnostics, cachedRules, true, generated?.Text);
            }
        }

        // A refused entry is overwritten by the fresh one (renamed over it), which is this process's own.
        return CompileFresh(rules, context, options, key, diagnostics, generated) with { CacheRefusal = refusal };
    }

    /// <summary>
    /// A warm start: the analysed rules and the assembly of one cache entry, both trusted, bound without parsing a
    /// rule (the key covers the texts and the context, so the analysis would give the same rules). Null: analyse.
    /// </summary>
    private static RuleCompilation? FromCachedModel(string key, RuleContext context, RuleCompilerOptions options)
    {
        foreach (var directory in new[] { options.CacheDirectory, options.ShippedDirectory })
        {
            if (directory is null
                || RuleAssemblyCache.Distrust(directory, key, options.CacheTrust) is not null
                || RuleAssemblyCache.Distrust(directory, key, options.CacheTrust, RuleAssemblyCache.Model) is not null)
                continue;
            if (RuleAssemblyCache.TryRead(directory, key, RuleAssemblyCache.Model) is { } model
                && RuleModelFile.Read(model) is { Count: > 0 } rules
                && RuleAssemblyCache.TryRead(directory, key) is { } image
                && RuleBinder.Bind(image, rules, context) is { } bound)
                return new RuleCompilation([], bound, true, null);
        }
        return null;
    }

    private static RuleCompilation CompileFresh(IReadOnlyList<RuleDefinition> rules, RuleContext context,
        RuleCompilerOptions options, string key, IReadOnlyList<RuleDiagnostic> diagnostics, GeneratedRuleSource? generated)
    {
        generated ??= CSharpRuleWriter.Write(rules, context);
        var errors = new List<RuleDiagnostic>();
        Interlocked.Increment(ref roslynCompilations);
        var image = RoslynRuleBuilder.Build(generated, GeneratedNames.AssemblyName(key), errors);
        var bound = image is null ? null : RuleBinder.Bind(image, rules, context);
        if (image is null || bound is null)
        {
            if (errors.Count == 0)
                errors.Add(new RuleDiagnostic(GeneratedNames.GeneratedPath, 1, 1, DiagnosticCodes.CompilerError,
                    "the compiled rules assembly does not have the expected shape; this is a bug in nettrace-rules"));
            return new RuleCompilation([.. diagnostics, .. errors], [], false, generated.Text);
        }
        if (options.CacheDirectory is { } directory)
        {
            RuleAssemblyCache.TryWrite(directory, key, image);
            if (diagnostics.Count == 0)
                RuleAssemblyCache.TryWrite(directory, key, RuleModelFile.Write(rules), RuleAssemblyCache.Model);
        }
        return new RuleCompilation(diagnostics, bound, false, generated.Text);
    }

    private static GeneratedRuleSource Generate(IReadOnlyList<RuleDefinition> rules, RuleContext context, string path)
    {
        var generated = CSharpRuleWriter.Write(rules, context);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, generated.Text);
        return generated;
    }
}
