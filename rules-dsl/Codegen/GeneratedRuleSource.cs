namespace NetTrace.Rules.Codegen;

/// <summary>
/// Generated C# and, for mapping Roslyn's positions back, the file names used in #line directives
/// (sanitised: a #line file name cannot escape quotes or newlines) to the rule files' real names.
/// </summary>
internal sealed record GeneratedRuleSource(string Text, IReadOnlyDictionary<string, string> LinePaths);
