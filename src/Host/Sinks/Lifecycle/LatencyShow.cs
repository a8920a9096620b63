using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Sinks.Lifecycle;

/// <summary>
/// --latency-show (upstream's option): every hit of a lifecycle after the first says how long it came after the one
/// before (" latency: 0.016ms"), and the lifecycle ends with "total latency: 0.071ms", from its first hit to its last
/// one before the free. <see cref="CountFree"/> (--latency-free) counts up to the free itself: the kernel may free
/// an skb late, in a batch, which is time the packet did not spend on its way.
/// </summary>
internal sealed record LatencyShow(bool CountFree)
{
    /// <summary>The lifecycle's total, from hits in time order.</summary>
    public ulong Lifetime(IReadOnlyList<SkbTraceEvent> ordered)
    {
        if (ordered.Count < 2)
            return 0;
        int last = ordered.Count - 1;
        if (!CountFree && ordered[last].IsFree)
            last--;
        return ordered[last].Meta.Timestamp - ordered[0].Meta.Timestamp;
    }

    /// <summary>Nanoseconds as upstream prints them: milliseconds with three decimals, truncated.</summary>
    public static StringBuilder Append(StringBuilder line, ulong nanoseconds)
    {
        ulong us = nanoseconds / 1000;
        return line.Append(CultureInfo.InvariantCulture, $"{us / 1000}.{us % 1000:D3}");
    }
}
