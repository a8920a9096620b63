using System.Globalization;

namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// `nettrace diff` for people: the two packets, their paths side by side ('=' both, '-' good only, '+' bad only)
/// with the time each step took, and a closing sentence naming where the paths part, so the answer is readable
/// without studying the table.
/// </summary>
internal static class DiffTextWriter
{
    /// <summary>Width of the "name  detail" column; longer text is cut with an ellipsis.</summary>
    internal const int StepWidth = 34;

    /// <summary>Between the good and the bad column.</summary>
    private const string Gap = "        ";

    public static void Write(TextWriter output, PathDiff diff)
    {
        Heading(output, "good: ", diff.Good);
        Heading(output, "bad:  ", diff.Bad);
        output.WriteLine();

        int usWidth = UsWidth(diff);
        output.WriteLine(Line("    ", Cell("good", "+us", usWidth), Cell("bad", "+us", usWidth)));
        foreach (var row in diff.Rows)
        {
            string marker = row.Kind switch
            {
                DiffRowKind.Same => "  = ",
                DiffRowKind.OnlyGood => "  - ",
                _ => "  + ",
            };
            output.WriteLine(Line(marker, Step(diff, diff.Good, row.GoodIndex, usWidth), Step(diff, diff.Bad, row.BadIndex, usWidth)));
        }
        output.WriteLine();
        Conclusion(output, diff);
    }

    private static void Heading(TextWriter output, string prefix, PathSide side)
    {
        string summary = side.Summary.Length > 0 ? $"  {side.Summary}" : "";
        output.WriteLine($"{prefix}{side.Label}{summary}  ({Functions(side.Steps.Count)}, {Us(side.DurationNs)} us)");
    }

    private static void Conclusion(TextWriter output, PathDiff diff)
    {
        PathSide good = diff.Good, bad = diff.Bad;
        if (diff.Identical)
        {
            output.WriteLine($"the paths are identical ({Functions(good.Steps.Count)}); good took {Us(good.DurationNs)} us, bad took {Us(bad.DurationNs)} us");
            return;
        }
        if (diff.LastCommon is not { GoodIndex: { } gi, BadIndex: { } bi })
        {
            output.WriteLine($"the paths diverge from the first step: good {Starts(good)}, bad {Starts(bad)}");
            return;
        }

        bool goodGoesOn = gi + 1 < good.Steps.Count;
        string goodNext = goodGoesOn ? $"goes on to {good.Steps[gi + 1].Name}" : "ends there";
        string badNext = bi + 1 >= bad.Steps.Count ? "ends there"
            : goodGoesOn ? $"goes to {bad.Steps[bi + 1].Name}"
            : $"goes on to {bad.Steps[bi + 1].Name}";
        output.WriteLine($"the paths diverge after {good.Steps[gi].Name} ({(gi == bi ? $"step {gi + 1} of both" : $"step {gi + 1} of good, {bi + 1} of bad")}): good {goodNext}, bad {badNext}");
        output.WriteLine($"time to the divergence: good {Us(diff.OffsetNs(good, gi))} us, bad {Us(diff.OffsetNs(bad, bi))} us");
    }

    private static string Starts(PathSide side) => side.Steps.Count > 0 ? $"starts at {side.Steps[0].Name}" : "has no functions";

    private static string Functions(int count) => count == 1 ? "1 function" : $"{count} functions";

    /// <summary>One side of a row, or blanks when the step is on the other side only.</summary>
    private static string Step(PathDiff diff, PathSide side, int? index, int usWidth) => index is { } i
        ? Cell(Fit(side.Steps[i]), Us(diff.DeltaNs(side, i)), usWidth)
        : new string(' ', StepWidth + 2 + usWidth);

    private static string Cell(string text, string us, int usWidth) => $"{text.PadRight(StepWidth)}  {us.PadLeft(usWidth)}";

    /// <summary>A blank bad side leaves trailing spaces: trimmed.</summary>
    private static string Line(string marker, string good, string bad) => $"{marker}{good}{Gap}{bad}".TrimEnd();

    private static string Fit(PathStep step)
    {
        string text = string.IsNullOrEmpty(step.Detail) ? step.Name : $"{step.Name}  {step.Detail}";
        return text.Length <= StepWidth ? text : string.Concat(text.AsSpan(0, StepWidth - 1), "…");
    }

    /// <summary>The "+us" column widens for the longest delta so numbers stay right-aligned and never touch a name.</summary>
    private static int UsWidth(PathDiff diff)
    {
        int width = "0.000".Length;
        foreach (var row in diff.Rows)
        {
            if (row.GoodIndex is { } g)
                width = Math.Max(width, Us(diff.DeltaNs(diff.Good, g)).Length);
            if (row.BadIndex is { } b)
                width = Math.Max(width, Us(diff.DeltaNs(diff.Bad, b)).Length);
        }
        return width;
    }

    /// <summary>Nanoseconds as microseconds with three decimals, in integers: exact, and culture-free.</summary>
    internal static string Us(ulong ns) => string.Create(CultureInfo.InvariantCulture, $"{ns / 1000}.{ns % 1000:D3}");
}
