namespace NetTrace.Rules;

/// <summary>How <see cref="RuleCompiler"/> caches and what it writes out.</summary>
public sealed record RuleCompilerOptions
{
    /// <summary>Where compiled rule assemblies are kept (e.g. ~/.cache/nettrace/rules); null: no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Rules compiled when nettrace was built (a bundle's <c>rules-cache</c>): read when <see cref="CacheDirectory"/>
    /// has no entry, never written; trusted as the cache is. Null: none.
    /// </summary>
    public string? ShippedDirectory { get; init; }

    /// <summary>Compile even when the cache has the assembly (--no-cache); a fresh result is still stored.</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// Why a cache path (the directory, then the cached assembly) must not be loaded, or null when it may be: the
    /// cache is code, so the host refuses entries others could have changed. Null: every entry is trusted.
    /// </summary>
    public Func<string, string?>? CacheTrust { get; init; }

    /// <summary>A file to write the generated C# to, for reading or debugging; null: not written.</summary>
    public string? WriteGeneratedTo { get; init; }
}
