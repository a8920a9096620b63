namespace NetTrace.Host.Cli;

/// <summary>`nettrace rules check FILE...`: the files to lint (none: the plugins' own rules).</summary>
internal sealed record RulesCheckRequest(IReadOnlyList<string> Files);
