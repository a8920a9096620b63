namespace NetTrace.Abstractions.Rules;

/// <summary>A field rules may test, declared by the host or a plugin.</summary>
public sealed record RuleField(string Name, RuleFieldType Type, string Description);
