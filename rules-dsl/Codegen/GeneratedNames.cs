namespace NetTrace.Rules.Codegen;

/// <summary>The names generated code uses: all ours, none taken from rule text.</summary>
internal static class GeneratedNames
{
    /// <summary>
    /// Bump when the generated code changes shape (2.0: <c>in</c> lists and address sets); it is part of the cache key, beside
    /// this assembly's MVID, so an assembly built by an older generator is never served.
    /// </summary>
    public const string GeneratorVersion = "2.0";

    public const string Tool = "nettrace-rules";

    public const string Namespace = "NetTrace.Rules.Generated";

    /// <summary>The path Roslyn gives the generated file (what lies outside #line regions maps to).</summary>
    public const string GeneratedPath = "nettrace-rules.g.cs";

    public const string MatchesMethod = "Matches";

    public const string NameConstant = "Name";

    public static string ClassName(int index) => $"Rule{index}";

    public static string TypeName(int index) => $"{Namespace}.{ClassName(index)}";

    public static string AssemblyName(string cacheKey) => $"{Namespace}.{cacheKey[..16]}";
}
