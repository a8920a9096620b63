using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>A "quoted" literal with its escapes (\" and \\) already resolved.</summary>
public sealed class StringSyntax(string value) : ValueSyntax, IPositionAware<StringSyntax>
{
    public string Value { get; } = value;

    public StringSyntax SetPos(Position startPos, int length)
    {
        Locate(startPos, length);
        return this;
    }
}
