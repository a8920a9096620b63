namespace NetTrace.Rules.Model;

/// <summary>Where a piece of rule text sits in its file: 1-based start and end (inclusive) positions.</summary>
public sealed record SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
