namespace NetTrace.Abstractions.Plugins;

/// <summary>What a plugin may declare to the host.</summary>
public interface IPluginRegistry
{
    void AddGroup(TraceGroup group);
}
