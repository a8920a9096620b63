using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>The trace groups every loaded plugin declared.</summary>
internal sealed class PluginCatalog : IPluginRegistry
{
    private readonly List<TraceGroup> _groups = [];

    public IReadOnlyList<TraceGroup> Groups => _groups;

    public void AddGroup(TraceGroup group)
    {
        if (_groups.Any(g => g.Name == group.Name))
            throw new PluginException($"two plugins declare the trace group '{group.Name}'");
        if (group.OpenBpfObject is not null && group.Owner == Abstractions.Events.SkbTraceRecord.Owner)
            throw new PluginException($"trace group '{group.Name}' uses owner id {group.Owner}, which the host's skb tracer owns");
        if (group.OpenBpfObject is not null && _groups.FirstOrDefault(g => g.OpenBpfObject is not null && g.Owner == group.Owner) is { } clash)
            throw new PluginException($"trace groups '{clash.Name}' and '{group.Name}' use the same owner id {group.Owner}");
        GroupDeclarations.Check(group, _groups);
        _groups.Add(group);
    }

    public TraceGroup? Find(string name) => _groups.FirstOrDefault(g => g.Name == name);
}
