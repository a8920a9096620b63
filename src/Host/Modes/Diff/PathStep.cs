namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// One kernel function a packet went through, as `nettrace diff` compares it: paths align on <see cref="Name"/>
/// alone, so a different verdict or drop reason at the same function shows side by side instead of as a divergence.
/// </summary>
/// <param name="Name">The kernel function or trace name, e.g. "nft_do_chain".</param>
/// <param name="Detail">What to show beside the name ("verdict drop", "reason NETFILTER_DROP", "ret -1"), if anything.</param>
/// <param name="TimestampNs">When it was seen, CLOCK_MONOTONIC ns (bpf_ktime_get_ns).</param>
internal sealed record PathStep(string Name, string? Detail, ulong TimestampNs);
