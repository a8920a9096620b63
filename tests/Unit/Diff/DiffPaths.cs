using System.Text;
using NetTrace.Host.Modes.Diff;

namespace NetTrace.Tests.Unit.Diff;

/// <summary>Builds paths for the diff tests and renders alignments compactly, so each test states only its shape.</summary>
internal static class DiffPaths
{
    /// <summary>A monotonic clock far from zero: offsets must come from the first step, not from boot.</summary>
    public const ulong Boot = 7_000_000_000_000;

    public const string Ping = "ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1";

    /// <summary>A side whose steps are given as (name, detail, ns since the side's first step).</summary>
    public static PathSide Side(string label, params (string Name, string? Detail, ulong AtNs)[] steps) =>
        new(label, Ping, [.. steps.Select(s => new PathStep(s.Name, s.Detail, Boot + s.AtNs))]);

    /// <summary>A side of bare names, one microsecond apart.</summary>
    public static PathSide Names(string label, params string[] names) =>
        new(label, Ping, [.. names.Select((name, i) => new PathStep(name, null, Boot + (ulong)i * 1000))]);

    /// <summary>The netfilter drop: both reach nft_do_chain, then the good packet is delivered and the bad one freed.</summary>
    public static PathDiff NetfilterDrop() => PathAlignment.Align(
        Side("good.ntrec#1",
            ("ip_rcv", null, 0), ("nf_hook_slow", null, 1_500), ("nft_do_chain", "verdict accept", 4_600),
            ("ip_rcv_finish", null, 5_800), ("ip_local_deliver", null, 7_000), ("icmp_rcv", null, 9_250)),
        Side("bad.ntrec#1",
            ("ip_rcv", null, 0), ("nf_hook_slow", null, 1_400), ("nft_do_chain", "verdict drop", 4_300),
            ("kfree_skb", "reason NETFILTER_DROP", 5_104)));

    /// <summary>"=a =b -c +d": each row's marker and name, the good side's name when both have it.</summary>
    public static string Shape(PathDiff diff)
    {
        var text = new StringBuilder();
        foreach (var row in diff.Rows)
        {
            if (text.Length > 0)
                text.Append(' ');
            text.Append(row.Kind switch
            {
                DiffRowKind.Same => $"={diff.Good.Steps[row.GoodIndex!.Value].Name}",
                DiffRowKind.OnlyGood => $"-{diff.Good.Steps[row.GoodIndex!.Value].Name}",
                _ => $"+{diff.Bad.Steps[row.BadIndex!.Value].Name}",
            });
        }
        return text.ToString();
    }

    public static string Text(PathDiff diff)
    {
        var output = new StringWriter { NewLine = "\n" };
        DiffTextWriter.Write(output, diff);
        return output.ToString();
    }

    public static string[] Lines(PathDiff diff) => Text(diff).TrimEnd('\n').Split('\n');
}
