using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>An integer literal: 42, -1, 0x10.</summary>
public sealed class NumberSyntax(long value) : ValueSyntax, IPositionAware<NumberSyntax>
{
    public long Value { get; } = value;

    public NumberSyntax SetPos(Position startPos, int length)
    {
        Locate(startPos, length);
        return this;
    }
}
