using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine;

/// <summary>A trace of the packet-path catalogue with the id its records carry.</summary>
internal sealed record CatalogTrace(ushort Id, TraceGroup Group, TraceSpec Spec)
{
    public string Name => Spec.Name;
}
