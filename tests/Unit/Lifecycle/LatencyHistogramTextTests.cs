using NetTrace.Host.Modes.Live;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>--latency-summary's histogram in upstream's shape, and past upstream's 65535 µs cap.</summary>
public sealed class LatencyHistogramTextTests
{
    private static string Write(params (int Bucket, ulong Count)[] counts)
    {
        var buckets = new ulong[64];
        foreach (var (bucket, count) in counts)
            buckets[bucket] = count;
        var output = new StringWriter { NewLine = "\n" };
        LatencyHistogramText.Write(output, buckets);
        return output.ToString();
    }

    [Fact]
    public void UpstreamShape_AtLeastNineBuckets()
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
            Write((1, 1), (2, 20)));
    }

    [Fact]
    public void LongLatencies_KeepTheirBuckets()
    {
        string text = Write((20, 2));

        Assert.Contains("           1048576 - 2097151us: 2        1.0000\n", text);
        Assert.EndsWith("2097151us: 2        1.0000\n", text);
    }
}
