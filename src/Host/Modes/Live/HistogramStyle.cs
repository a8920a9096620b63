using System.Globalization;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// How a log2 histogram of microseconds (bucket i: [2^i, 2^(i+1)), bucket 0 also 0) is printed: its title, which
/// buckets get a row, and each row's range.
/// </summary>
/// <param name="Noun">What is counted, for the exit summary ("packets measured").</param>
/// <param name="JsonType">The "type" of its --json object.</param>
internal sealed record HistogramStyle(string Title, string Noun, string JsonType, Func<IReadOnlyList<ulong>, Range> Rows, Func<int, string> Label)
{
    /// <summary>Its Prometheus histogram under --metrics (seconds), and the metric's help text.</summary>
    public (string Name, string Help) Metric { get; init; }

    /// <summary>
    /// --latency-summary, as upstream prints it: ranges in µs, rows up to the last bucket with a count (at least the
    /// first nine). Unlike upstream's, the buckets go on past 65535 µs.
    /// </summary>
    public static HistogramStyle Latency { get; } = new("latency distribution:", "packets measured", "latency_histogram", UpToLastCount, MicrosecondRange)
    {
        Metric = ("nettrace_skb_latency_seconds", "How long matched skbs took from their first traced function to their last (--latency-summary)."),
    };

    /// <summary>
    /// --rtt: RTTs span microseconds (loopback) to seconds (a lossy path), so each range is in the unit that reads
    /// best, and the rows run from the first bucket with a count to the last: the shape, without the empty tails.
    /// </summary>
    public static HistogramStyle Rtt { get; } = new("rtt distribution:", "RTT samples counted", "rtt_histogram", FirstToLastCount, ReadableRange)
    {
        Metric = ("nettrace_tcp_rtt_seconds", "TCP round-trip time samples of the matched sockets (--rtt)."),
    };

    public static ulong Start(int bucket) => bucket == 0 ? 0 : 1UL << bucket;

    /// <summary>The bucket's last value (inclusive), saturated for the top bucket.</summary>
    public static ulong End(int bucket) => bucket >= 63 ? ulong.MaxValue : (1UL << (bucket + 1)) - 1;

    private static Range UpToLastCount(IReadOnlyList<ulong> buckets) =>
        new(0, Math.Min(buckets.Count, Math.Max(9, LastCount(buckets) + 1)));

    private static Range FirstToLastCount(IReadOnlyList<ulong> buckets)
    {
        int first = 0;
        while (first < buckets.Count && buckets[first] == 0)
            first++;
        return first == buckets.Count ? new(0, 0) : new(first, LastCount(buckets) + 1);
    }

    private static int LastCount(IReadOnlyList<ulong> buckets)
    {
        int last = buckets.Count - 1;
        while (last >= 0 && buckets[last] == 0)
            last--;
        return last;
    }

    private static string MicrosecondRange(int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{Start(bucket)} - {End(bucket),5}us");

    /// <summary>µs below 1000, else ms below a second, else s; ms keep every µs, s the whole ms.</summary>
    private static string ReadableRange(int bucket)
    {
        ulong start = Start(bucket), end = End(bucket);
        return start < 1000 ? string.Create(CultureInfo.InvariantCulture, $"{start} - {end}us")
            : start < 1_000_000 ? $"{Decimal(start, 1000)} - {Decimal(end, 1000)}ms"
            : $"{Decimal(start, 1_000_000)} - {Decimal(end, 1_000_000)}s";
    }

    /// <summary>microseconds / unit with three decimals, cut rather than rounded so a range never grows.</summary>
    private static string Decimal(ulong microseconds, ulong unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{microseconds / unit}.{microseconds % unit * 1000 / unit:D3}");
}
