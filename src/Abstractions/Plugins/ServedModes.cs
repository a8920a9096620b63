namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// Which of nettrace's modes run a group. The mode flags (--drop, --sock, --monitor) are the host's; a group
/// says it serves one, and the host finds it by this declaration, never by its name. Serving --drop, --sock or
/// --monitor needs a group with records of its own (<see cref="TraceGroup.ModeOnly"/>, a BPF object and a decoder).
/// </summary>
public sealed record ServedModes
{
    /// <summary>Serves no mode of its own.</summary>
    public static ServedModes None { get; } = new();

    /// <summary>--drop runs this group alone: every trace, with kernel stacks under --drop-stack. One group may serve it.</summary>
    public bool Drop { get; init; }

    /// <summary>--sock runs this group alone: the traces -t names, else its default-on ones. One group may serve it.</summary>
    public bool Sock { get; init; }

    /// <summary>
    /// The traces --monitor runs, chosen per session (see <see cref="MonitorTraces"/>); null leaves the group out of
    /// --monitor. Any number of groups may serve it.
    /// </summary>
    public MonitorSelection? Monitor { get; init; }

    /// <summary>
    /// --rtt runs this group's <see cref="RttSource.Trace"/> alone, counting RTT samples in its histogram map; null:
    /// the group does not serve --rtt. One group may serve it (the one that serves --sock, whose settings it gets).
    /// </summary>
    public RttSource? Rtt { get; init; }

    /// <summary>
    /// A packet-path group whose traces --monitor's packet path leaves out, because another group reports those
    /// events (the life group's frees are the drop group's: both would print every drop).
    /// </summary>
    public bool OutsideMonitorPath { get; init; }
}
