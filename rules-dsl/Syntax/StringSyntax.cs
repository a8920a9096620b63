using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// A "quoted" literal with its escapes (\" and \\) already resolved. <see cref="Offsets"/> holds where each
/// character of <see cref="Value"/> was written in the file, so a part of it (a {field} in a message) can be blamed
/// at its own column even after an escape.
/// </summary>
public sealed class StringSyntax(string value, IReadOnlyList<int> offsets) : ValueSyntax, IPositionAware<StringSyntax>
{
    public string Value { get; } = value;

    public IReadOnlyList<int> Offsets { get; } = offsets;

    public StringSyntax SetPos(Position startPos, int length)
    {
        Locate(startPos, length);
        return this;
    }

    /// <summary>The file offset of the character at <paramref name="index"/> of the value (the closing quote past its end).</summary>
    public int OffsetOf(int index) => index < Offsets.Count ? Offsets[index] : End - 1;
}
