using NetTrace.Rules.Model;

namespace NetTrace.Rules.Syntax;

/// <summary>What parsing one .rules file gives: the rules that parsed, and a syntax error per broken rule.</summary>
public sealed record RuleFileSyntax(string File, string Text, IReadOnlyList<RuleSyntax> Rules, IReadOnlyList<RuleDiagnostic> Errors);
