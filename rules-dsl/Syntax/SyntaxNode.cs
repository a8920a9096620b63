using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>A piece of rule text: its start offset, 1-based line and column, and its length.</summary>
public abstract class SyntaxNode
{
    public int Offset { get; private set; }

    public int Length { get; private set; }

    public int Line { get; private set; }

    public int Column { get; private set; }

    public int End => Offset + Length;

    protected void Locate(Position start, int length)
    {
        Offset = start.Pos;
        Line = start.Line;
        Column = start.Column;
        Length = length;
    }

    // Composite nodes span first..last token: Positioned() on them would also take in the trailing trivia.
    protected void Cover(SyntaxNode first, SyntaxNode last)
    {
        Offset = first.Offset;
        Line = first.Line;
        Column = first.Column;
        Length = last.End - first.Offset;
    }
}
