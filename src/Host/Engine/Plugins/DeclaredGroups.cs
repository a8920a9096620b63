using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>Collects what one plugin declares, so plugins can register in parallel and join the catalogue in order.</summary>
internal sealed class DeclaredGroups : IPluginRegistry
{
    public List<TraceGroup> Groups { get; } = [];

    public void AddGroup(TraceGroup group) => Groups.Add(group);
}
