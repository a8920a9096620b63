namespace NetTrace.Rules.Syntax;

/// <summary>
/// <c>rule NAME on TARGETS [when CONDITION] LEVEL "message" [advice "text"]</c> as written; either
/// <see cref="Traces"/> is non-empty or <see cref="Group"/> is set.
/// </summary>
public sealed class RuleSyntax : SyntaxNode
{
    public RuleSyntax(TokenSyntax keyword, TokenSyntax name, IReadOnlyList<TokenSyntax> traces, TokenSyntax? group,
        ConditionSyntax? condition, TokenSyntax level, StringSyntax message, StringSyntax? advice)
    {
        Name = name;
        Traces = traces;
        Group = group;
        Condition = condition;
        Level = level;
        Message = message;
        Advice = advice;
        Cover(keyword, (SyntaxNode?)advice ?? message);
    }

    public TokenSyntax Name { get; }

    public IReadOnlyList<TokenSyntax> Traces { get; }

    public TokenSyntax? Group { get; }

    public ConditionSyntax? Condition { get; }

    public TokenSyntax Level { get; }

    public StringSyntax Message { get; }

    public StringSyntax? Advice { get; }
}
