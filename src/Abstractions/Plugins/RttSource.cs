namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// Where --rtt's samples come from: a trace whose programs, with <see cref="SessionSettings.RttHistogram"/> set,
/// count each RTT sample (microseconds) in a log2 histogram map of NT_HIST_BUCKETS per-CPU counters (bpf/include/nt_hist.h)
/// instead of sending records.
/// </summary>
/// <param name="Trace">The trace --rtt attaches; its first target this kernel accepts is used.</param>
/// <param name="HistogramMap">The map the programs count into.</param>
/// <param name="FallbackNote">Said on stderr when the trace runs on a target other than its first (what the samples are then).</param>
public sealed record RttSource(TraceSpec Trace, string HistogramMap, string FallbackNote);
