namespace NetTrace.Abstractions.Plugins;

/// <summary>A .rules file's name (for diagnostics) and its text.</summary>
public sealed record RuleSource(string Name, string Text);
