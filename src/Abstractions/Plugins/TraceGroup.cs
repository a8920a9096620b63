using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// Everything a plugin contributes for one trace group: its catalogue, the BPF object that
/// implements it, the record kinds it emits and how to decode and render them.
/// A group whose traces all use the host's generic skb tracer (<see cref="AttachTarget.IsGeneric"/>)
/// needs no BPF object, decoder or renderer of its own.
/// </summary>
public sealed record TraceGroup(
    string Name,
    ushort Owner,
    Func<Stream>? OpenBpfObject,
    IReadOnlyList<TraceSpec> Traces,
    IReadOnlyList<EventKindSpec> EventKinds,
    IEventDecoder? Decoder,
    IEventRenderer? Renderer)
{
    /// <summary>Rule files (.rules) shipped with the group, as (name, text) pairs.</summary>
    public IReadOnlyList<RuleSource> Rules { get; init; } = [];

    /// <summary>One line for `-t ?`.</summary>
    public string Description { get; init; } = "";

    /// <summary>A group traced only in its own mode (e.g. drop), not part of the packet's lifecycle.</summary>
    public bool ModeOnly { get; init; }

    /// <summary>The host's modes that run this group (--drop, --sock, --monitor), and its place in --monitor.</summary>
    public ServedModes Serves { get; init; } = ServedModes.None;

    /// <summary>The group's own .rodata settings, built from the session's; null for none.</summary>
    public RodataConfig? Config { get; init; }

    /// <summary>The Prometheus metrics the group exports under --metrics, and how its events count; null for none.</summary>
    public GroupMetrics? Metrics { get; init; }

    /// <summary>What arms a capture under --monitor --arm when no --arm-on rule is given; null: none of its events.</summary>
    public ArmTrigger? DefaultArmTrigger { get; init; }

    /// <summary>The kernel point --monitor names on this group's lines ("[kfree_skb           ] "); null prints none.</summary>
    public string? MonitorPoint { get; init; }

    /// <summary>How --arm-on rules read the group's fields as text where they are numbers (a drop reason); null: as they are.</summary>
    public RuleText? RuleText { get; init; }

    /// <summary>The rule fields the group's events carry beyond the host's own (<c>retrans_out</c>, <c>accept_queue</c>...).</summary>
    public IReadOnlyList<RuleField> RuleFields { get; init; } = [];

    /// <summary>What rules' <c>verdict == "NAME"</c> means for traces' return values, so --monitor decides it in the kernel.</summary>
    public IReadOnlyList<ReturnVerdict> ReturnVerdicts { get; init; } = [];

    /// <summary>A group declaring only generic traces.</summary>
    public static TraceGroup Generic(string name, string description, IReadOnlyList<TraceSpec> traces) =>
        new(name, 0, null, traces, [], null, null) { Description = description };
}
