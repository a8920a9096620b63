namespace NetTrace.Rules.Syntax;

/// <summary>The right-hand side of a comparison: a number, a "string" or a constant name.</summary>
public abstract class ValueSyntax : SyntaxNode;
