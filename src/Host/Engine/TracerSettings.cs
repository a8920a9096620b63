using NetTrace.Host.Engine.Config;

namespace NetTrace.Host.Engine;

/// <summary>How the generic skb tracer runs: the packet filter, lifecycle following, and how functions attach.</summary>
internal sealed record TracerSettings(NtFilter Filter, bool Track, bool PacketFixed, bool KprobeMulti)
{
    /// <summary>--monitor: returning calls are emitted only when abnormal by the kernel-side return rules.</summary>
    public bool Monitor { get; init; }

    /// <summary>
    /// --monitor where the kernel may have BPF trampolines: the functions (by name) its BTF describes, which are
    /// watched for their return by an fexit program each instead of a kprobe+kretprobe pair; plugin entries,
    /// which read more at entry, keep theirs. Null: no trampolines.
    /// </summary>
    public Func<string, bool>? TrampolineTargets { get; init; }

    /// <summary>--func-stats: the kernel counts hits per trace and emits no record.</summary>
    public FuncStatsMode FuncStats { get; init; }

    /// <summary>--rate-limit: at most this many records a second (0: no limit).</summary>
    public uint RateLimit { get; init; }

    /// <summary>--latency / --latency-summary: the kernel measures each skb's latency.</summary>
    public LatencyMode Latency { get; init; }

    /// <summary>--latency-free: to the free, not to the last hit before it.</summary>
    public bool LatencyFree { get; init; }

    /// <summary>Told (attached so far, to attach) as functions attach one at a time: -t kernel's progress line.</summary>
    public Action<int, int>? AttachProgress { get; init; }

    /// <summary>--bpf-progs: the tc and XDP programs whose verdicts join the path, each by an fexit program of its own.</summary>
    public IReadOnlyList<WatchedProgram> WatchedPrograms { get; init; } = [];

    /// <summary>--min-latency under --latency.</summary>
    public ulong LatencyMinNs { get; init; }
}
