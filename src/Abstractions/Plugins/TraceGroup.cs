using NetTrace.Abstractions.Rendering;

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

    /// <summary>A group declaring only generic traces.</summary>
    public static TraceGroup Generic(string name, string description, IReadOnlyList<TraceSpec> traces) =>
        new(name, 0, null, traces, [], null, null) { Description = description };
}
