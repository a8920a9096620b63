using NetTrace.Abstractions.Plugins;

namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>Keeps what a plugin declares, in order, without the host's checks.</summary>
internal sealed class RecordingRegistry : IPluginRegistry
{
    private readonly List<TraceGroup> _groups = [];

    public IReadOnlyList<TraceGroup> Groups => _groups;

    public void AddGroup(TraceGroup group) => _groups.Add(group);

    public static IReadOnlyList<TraceGroup> GroupsOf(INetTracePlugin plugin)
    {
        var registry = new RecordingRegistry();
        plugin.Register(registry);
        return registry.Groups;
    }
}
