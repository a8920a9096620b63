namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// Keeps a storm of abnormal events from becoming a storm of tracing: at most <paramref name="perMinute"/> incidents
/// in any minute, and a flow that was just recorded is not recorded again for <paramref name="repeat"/>.
/// </summary>
internal sealed class IncidentRateLimit(uint perMinute, TimeSpan repeat)
{
    private const long MinuteMs = 60_000;
    private readonly Queue<long> _recent = new();
    private readonly Dictionary<FlowKey, long> _lastByFlow = [];

    public enum Verdict
    {
        /// <summary>Record it: a slot was taken.</summary>
        Granted,

        /// <summary>The same flow was recorded within the repeat window.</summary>
        Repeat,

        /// <summary>The minute's incidents are used up.</summary>
        Limited,
    }

    /// <summary>Takes a slot for <paramref name="flow"/> at <paramref name="nowMs"/> when one is free.</summary>
    public Verdict TryAcquire(FlowKey flow, long nowMs)
    {
        while (_recent.Count > 0 && nowMs - _recent.Peek() >= MinuteMs)
            _recent.Dequeue();
        if (_lastByFlow.TryGetValue(flow, out long last) && nowMs - last < (long)repeat.TotalMilliseconds)
            return Verdict.Repeat;
        if (_recent.Count >= perMinute)
            return Verdict.Limited;
        _recent.Enqueue(nowMs);
        if (_lastByFlow.Count > 4096)
            _lastByFlow.Clear(); // many distinct flows: forgetting old ones only allows a repeat sooner
        _lastByFlow[flow] = nowMs;
        return Verdict.Granted;
    }
}
