using NetTrace.Abstractions.Rendering;

namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// Everything a plugin contributes for one trace group: its catalogue, the BPF object that
/// implements it, the record kinds it emits and how to decode and render them.
/// </summary>
public sealed record TraceGroup(
    string Name,
    ushort Owner,
    Func<Stream> OpenBpfObject,
    IReadOnlyList<TraceSpec> Traces,
    IReadOnlyList<EventKindSpec> EventKinds,
    IEventDecoder Decoder,
    IEventRenderer Renderer)
{
    /// <summary>Rule files (.rules) shipped with the group, as (name, text) pairs.</summary>
    public IReadOnlyList<RuleSource> Rules { get; init; } = [];
}
