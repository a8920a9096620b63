namespace NetTrace.Host.Cli;

/// <summary>`nettrace rules check FILE...`: the files to lint (none: the plugins' own rules).</summary>
internal sealed record RulesCheckRequest(IReadOnlyList<string> Files);

/// <summary>
/// `nettrace rules compile [--cache DIR] [--csharp DIR]`: where to put the compiled rules (null: the default cache),
/// and where to write each set's C# for the native executable (null: nowhere).
/// </summary>
internal sealed record RulesCompileRequest(string? Cache, string? CSharp = null);

/// <summary>What runs `rules check` and `rules compile` (the program's commands, or a test's stand-ins).</summary>
internal sealed record RulesHandlers(
    Func<RulesCheckRequest, CancellationToken, Task<int>>? Check,
    Func<RulesCompileRequest, CancellationToken, Task<int>>? Compile);
