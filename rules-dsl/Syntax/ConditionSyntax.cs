namespace NetTrace.Rules.Syntax;

/// <summary>A <c>when</c> clause or a part of it.</summary>
public abstract class ConditionSyntax : SyntaxNode;
