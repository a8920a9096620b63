using NetTrace.Rules.Model;

namespace NetTrace.Rules;

/// <summary>
/// The outcome of compiling rule files: every diagnostic, and the rules of the files that had none (a
/// broken file is left out whole, the others still run). <see cref="GeneratedSource"/> is the C# when it
/// was generated (always on a fresh compile; on a cache hit only if it was asked to be written out).
/// </summary>
public sealed record RuleCompilation(
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    IReadOnlyList<CompiledRule> Rules,
    bool FromCache,
    string? GeneratedSource)
{
    public bool HasErrors => Diagnostics.Count > 0;

    /// <summary>Why a cached assembly was there but not loaded (<see cref="RuleCompilerOptions.CacheTrust"/>), else null.</summary>
    public string? CacheRefusal { get; init; }
}
