using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>A name, keyword or punctuation mark, exactly as written.</summary>
public sealed class TokenSyntax(string text) : SyntaxNode, IPositionAware<TokenSyntax>
{
    public string Text { get; } = text;

    public TokenSyntax SetPos(Position startPos, int length)
    {
        Locate(startPos, length);
        return this;
    }
}
