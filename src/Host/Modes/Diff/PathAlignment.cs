namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// Lines up two packets' function paths so the first function where they part ways stands out, even when one
/// path takes a detour and comes back (an extra netfilter hook, a retransmit). It keeps a longest common
/// subsequence of function names: every function both paths reach, in order, shows as one '=' row.
/// </summary>
internal static class PathAlignment
{
    /// <summary>
    /// Largest LCS table built: 16M cells of 2 bytes, 32 MB, filled in under 0.1 s. Past it (thousands of
    /// functions on each side after the common start) a packet is looping or the trace ran away: then the
    /// common start is the useful part, and a greedy walk finds it in linear time and memory.
    /// </summary>
    internal const long MaxCells = 16L * 1024 * 1024;

    public static PathDiff Align(PathSide good, PathSide bad)
    {
        var (a, b) = Intern(good.Steps, bad.Steps);
        var rows = new List<DiffRow>(Math.Max(a.Length, b.Length));

        // The common start is always '=': walk it first, which also keeps the table to the part after it.
        int start = 0;
        for (; start < a.Length && start < b.Length && a[start] == b[start]; start++)
            rows.Add(DiffRow.Same(start, start));

        long cells = (long)(a.Length - start + 1) * (b.Length - start + 1);
        if (cells > MaxCells)
            Differ(rows, start, a.Length, start, b.Length);
        else
            Lcs(rows, a, b, start);
        return new PathDiff(good, bad, rows);
    }

    /// <summary>Names as small integers (ordinal comparison), so the table's inner loop compares ints.</summary>
    private static (int[] Good, int[] Bad) Intern(IReadOnlyList<PathStep> good, IReadOnlyList<PathStep> bad)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Ids(IReadOnlyList<PathStep> steps)
        {
            var result = new int[steps.Count];
            for (int i = 0; i < result.Length; i++)
            {
                if (!ids.TryGetValue(steps[i].Name, out int id))
                    ids.Add(steps[i].Name, id = ids.Count);
                result[i] = id;
            }
            return result;
        }
        return (Ids(good), Ids(bad));
    }

    /// <summary>
    /// Aligns a[start..] with b[start..]. The table holds, for each (i, j), the LCS length of a[i..] and b[j..].
    /// Then, from each point, the next common step taken is the one that shows earliest (smallest i + j, then the
    /// smaller good index) among those an LCS can go through: common steps stay as early as they can, and the
    /// choice never depends on anything but the names.
    /// </summary>
    private static void Lcs(List<DiffRow> rows, int[] a, int[] b, int start)
    {
        int n = a.Length - start, m = b.Length - start, width = m + 1;
        // Under MaxCells, min(n, m) < 4096: every length fits 16 bits, halving the table.
        var table = new ushort[(n + 1) * width];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                table[i * width + j] = a[start + i] == b[start + j]
                    ? (ushort)(table[(i + 1) * width + j + 1] + 1)
                    : Math.Max(table[(i + 1) * width + j], table[i * width + j + 1]);

        int gi = 0, bj = 0;
        while (table[gi * width + bj] is var left and > 0)
        {
            var (mi, mj) = NextCommon(a, b, start, table, width, gi, bj, left);
            Differ(rows, start + gi, start + mi, start + bj, start + mj);
            rows.Add(DiffRow.Same(start + mi, start + mj));
            gi = mi + 1;
            bj = mj + 1;
        }
        Differ(rows, start + gi, a.Length, start + bj, b.Length);
    }

    /// <summary>
    /// The next common step from (i, j) on a longest path, searched by anti-diagonals (i' + j' rising). Each
    /// search covers cells past the previous match's diagonal, so all searches together stay within the table.
    /// </summary>
    private static (int I, int J) NextCommon(int[] a, int[] b, int start, ushort[] table, int width, int i, int j, int left)
    {
        int n = a.Length - start, m = width - 1;
        for (int d = 0; ; d++)
        {
            for (int di = Math.Max(0, d - (m - 1 - j)); di <= d && i + di < n; di++)
            {
                int ci = i + di, cj = j + d - di;
                if (a[start + ci] == b[start + cj] && table[(ci + 1) * width + cj + 1] == left - 1)
                    return (ci, cj);
            }
        }
    }

    /// <summary>A run between two common steps (or past the last): good-only rows, then bad-only rows.</summary>
    private static void Differ(List<DiffRow> rows, int goodFrom, int goodTo, int badFrom, int badTo)
    {
        for (int i = goodFrom; i < goodTo; i++)
            rows.Add(DiffRow.OnlyGood(i));
        for (int j = badFrom; j < badTo; j++)
            rows.Add(DiffRow.OnlyBad(j));
    }
}
