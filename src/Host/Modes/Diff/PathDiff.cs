namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// Two packets' paths aligned row by row, with the facts a reader wants first (where they part ways, how long
/// each took to get there) computed once here so the text and JSON writers state them the same way.
/// </summary>
internal sealed class PathDiff
{
    public PathDiff(PathSide good, PathSide bad, IReadOnlyList<DiffRow> rows)
    {
        Good = good;
        Bad = bad;
        Rows = rows;
        int first = 0;
        while (first < rows.Count && rows[first].Kind == DiffRowKind.Same)
            first++;
        CommonPrefix = first;
        FirstDivergence = first < rows.Count ? first : null;
        LastCommon = FirstDivergence is > 0 ? rows[first - 1] : null;
    }

    public PathSide Good { get; }

    public PathSide Bad { get; }

    public IReadOnlyList<DiffRow> Rows { get; }

    /// <summary>How many rows at the start are the same on both sides.</summary>
    public int CommonPrefix { get; }

    /// <summary>Index of the first row that is not the same on both sides; null when the paths are identical.</summary>
    public int? FirstDivergence { get; }

    /// <summary>No row differs (two empty paths are identical too).</summary>
    public bool Identical => FirstDivergence is null;

    /// <summary>
    /// The last step both paths took before they parted; null when they differ from the first step or never
    /// differ. The good side's step, since details (a verdict, a return value) may differ between the two.
    /// </summary>
    public PathStep? DivergedAfter => LastCommon is { GoodIndex: { } g } ? Good.Steps[g] : null;

    /// <summary>The <see cref="DiffRowKind.Same"/> row just before <see cref="FirstDivergence"/>, if any.</summary>
    public DiffRow? LastCommon { get; }

    /// <summary>Time from the previous step on the same side to this one (0 for the first step).</summary>
    public ulong DeltaNs(PathSide side, int index) =>
        index == 0 ? 0 : PathSide.Since(side.Steps[index - 1].TimestampNs, side.Steps[index].TimestampNs);

    /// <summary>Time from that side's first step to this one.</summary>
    public ulong OffsetNs(PathSide side, int index) =>
        PathSide.Since(side.Steps[0].TimestampNs, side.Steps[index].TimestampNs);
}
