using System.Text.Json;
using NetTrace.Host.Modes.Live;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>
/// The kernel's log2 histograms as text: --latency-summary in upstream's shape and past upstream's 65535 µs cap,
/// --rtt with each range in a readable unit and only the buckets from the first count to the last.
/// </summary>
public sealed class Log2HistogramTextTests
{
    private static ulong[] Buckets(params (int Bucket, ulong Count)[] counts)
    {
        var buckets = new ulong[64];
        foreach (var (bucket, count) in counts)
            buckets[bucket] = count;
        return buckets;
    }

    private static string Write(HistogramStyle style, params (int Bucket, ulong Count)[] counts)
    {
        var output = new StringWriter { NewLine = "\n" };
        Log2HistogramText.Write(output, style, Buckets(counts));
        return output.ToString();
    }

    [Fact]
    public void Latency_UpstreamShape_AtLeastNineBuckets()
    {
        Assert.Equal(
            "latency distribution:             21\n" +
            "                     0 -     1us: 0        0.0000\n" +
            "                     2 -     3us: 1        0.0476\n" +
            "                     4 -     7us: 20       0.9523\n" +
            "                     8 -    15us: 0        0.0000\n" +
            "                    16 -    31us: 0        0.0000\n" +
            "                    32 -    63us: 0        0.0000\n" +
            "                    64 -   127us: 0        0.0000\n" +
            "                   128 -   255us: 0        0.0000\n" +
            "                   256 -   511us: 0        0.0000\n",
            Write(HistogramStyle.Latency, (1, 1), (2, 20)));
    }

    [Fact]
    public void Latency_LongLatencies_KeepTheirBuckets()
    {
        string text = Write(HistogramStyle.Latency, (20, 2));

        Assert.Contains("           1048576 - 2097151us: 2        1.0000\n", text);
        Assert.EndsWith("2097151us: 2        1.0000\n", text);
    }

    [Fact]
    public void Rtt_RangesInReadableUnits_FromFirstCountToLast()
    {
        Assert.Equal(
            "rtt distribution:                 8\n" +
            "                    512 - 1023us: 1        0.1250\n" +
            "                 1.024 - 2.047ms: 0        0.0000\n" +
            "                 2.048 - 4.095ms: 4        0.5000\n" +
            "                 4.096 - 8.191ms: 0        0.0000\n" +
            "                8.192 - 16.383ms: 0        0.0000\n" +
            "               16.384 - 32.767ms: 0        0.0000\n" +
            "               32.768 - 65.535ms: 0        0.0000\n" +
            "              65.536 - 131.071ms: 0        0.0000\n" +
            "             131.072 - 262.143ms: 0        0.0000\n" +
            "             262.144 - 524.287ms: 0        0.0000\n" +
            "            524.288 - 1048.575ms: 0        0.0000\n" +
            "                  1.048 - 2.097s: 3        0.3750\n",
            Write(HistogramStyle.Rtt, (9, 1), (11, 4), (20, 3)));
    }

    [Fact]
    public void Rtt_Loopback_MicrosecondsFromZero()
    {
        Assert.Equal(
            "rtt distribution:                 3\n" +
            "                         0 - 1us: 1        0.3333\n" +
            "                         2 - 3us: 0        0.0000\n" +
            "                         4 - 7us: 2        0.6666\n",
            Write(HistogramStyle.Rtt, (0, 1), (2, 2)));
    }

    [Fact]
    public void Rtt_NoSamples_OnlyTheTotal()
    {
        Assert.Equal("rtt distribution:                 0\n", Write(HistogramStyle.Rtt));
    }

    [Fact]
    public void Rtt_TopBucket_EndsAtTheLargestValue()
    {
        Assert.EndsWith(" - 18446744073709.551s: 1        1.0000\n", Write(HistogramStyle.Rtt, (63, 1)));
    }

    [Fact]
    public void RttJson_OneObject_TheTextsRowsWithInclusiveMicrosecondBounds()
    {
        var output = new StringWriter { NewLine = "\n" };

        Log2HistogramText.WriteJson(output, HistogramStyle.Rtt, Buckets((3, 2), (5, 1)));

        string line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal("rtt_histogram", root.GetProperty("type").GetString());
        Assert.Equal("us", root.GetProperty("unit").GetString());
        Assert.Equal(3ul, root.GetProperty("total").GetUInt64());
        Assert.Equal([(8ul, 15ul, 2ul), (16ul, 31ul, 0ul), (32ul, 63ul, 1ul)],
            root.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("from").GetUInt64(), b.GetProperty("to").GetUInt64(), b.GetProperty("count").GetUInt64())));
    }
}
