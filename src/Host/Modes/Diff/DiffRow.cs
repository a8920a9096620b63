namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// One row of an aligned diff. It holds step indices rather than steps so the writers can compute each step's
/// latency from its neighbours on the same side.
/// </summary>
/// <param name="Kind">Same, only good or only bad.</param>
/// <param name="GoodIndex">Index into the good side's steps; null for <see cref="DiffRowKind.OnlyBad"/>.</param>
/// <param name="BadIndex">Index into the bad side's steps; null for <see cref="DiffRowKind.OnlyGood"/>.</param>
internal readonly record struct DiffRow(DiffRowKind Kind, int? GoodIndex, int? BadIndex)
{
    public static DiffRow Same(int good, int bad) => new(DiffRowKind.Same, good, bad);

    public static DiffRow OnlyGood(int good) => new(DiffRowKind.OnlyGood, good, null);

    public static DiffRow OnlyBad(int bad) => new(DiffRowKind.OnlyBad, null, bad);
}
