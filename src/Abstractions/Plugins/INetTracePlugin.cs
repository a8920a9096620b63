namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// The single entry point of a plugin assembly. The host finds implementations of this
/// interface and calls <see cref="Register"/>; nothing else in a plugin is found by reflection.
/// </summary>
public interface INetTracePlugin
{
    void Register(IPluginRegistry registry);
}
