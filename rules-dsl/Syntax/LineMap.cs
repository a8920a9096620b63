namespace NetTrace.Rules.Syntax;

/// <summary>Offset → 1-based line and column, counted as Sprache counts them (only '\n' ends a line).</summary>
internal sealed class LineMap
{
    private readonly List<int> lineStarts = [0];

    public LineMap(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                lineStarts.Add(i + 1);
        }
    }

    public (int Line, int Column) At(int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - lineStarts[line] + 1);
    }
}
