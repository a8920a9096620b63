using System.Globalization;
using System.Text.Json;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A log2 histogram the kernel counted, in upstream's shape: the title padded to 34 columns and the total, then
/// one row per bucket the style shows, "range: count share" (the share with four decimals, cut as upstream's).
/// Under --json the same rows are one object (docs/json.md).
/// </summary>
internal static class Log2HistogramText
{
    public static void Write(TextWriter output, HistogramStyle style, IReadOnlyList<ulong> buckets)
    {
        ulong total = Total(buckets);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{style.Title,-34}{total}"));
        var (first, end) = Rows(style, buckets);
        for (int i = first; i < end; i++)
        {
            ulong n = buckets[i];
            ulong whole = total == 0 ? 0 : n / total, part = total == 0 ? 0 : n % total * 10000 / total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{style.Label(i),32}: {n,-8} {whole}.{part:D4}"));
        }
        output.Flush();
    }

    /// <summary>
    /// One line: {"v":1,"type":"rtt_histogram","unit":"us","total":N,"buckets":[{"from":0,"to":1,"count":N},...]},
    /// the same rows as the text, with inclusive bounds.
    /// </summary>
    public static void WriteJson(TextWriter output, HistogramStyle style, IReadOnlyList<ulong> buckets)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("type", style.JsonType);
            json.WriteString("unit", "us");
            json.WriteNumber("total", Total(buckets));
            json.WriteStartArray("buckets");
            var (first, end) = Rows(style, buckets);
            for (int i = first; i < end; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("from", HistogramStyle.Start(i));
                json.WriteNumber("to", HistogramStyle.End(i));
                json.WriteNumber("count", buckets[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    public static ulong Total(IReadOnlyList<ulong> buckets) => buckets.Aggregate(0UL, (sum, n) => sum + n);

    private static (int First, int End) Rows(HistogramStyle style, IReadOnlyList<ulong> buckets)
    {
        var rows = style.Rows(buckets);
        return (rows.Start.GetOffset(buckets.Count), rows.End.GetOffset(buckets.Count));
    }
}
