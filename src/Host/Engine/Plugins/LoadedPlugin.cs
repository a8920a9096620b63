using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>A plugin entry point that has run, with the groups it declared; or one that could not be loaded.</summary>
internal sealed record LoadedPlugin(string Dll, string Name, IReadOnlyList<TraceGroup> Groups)
{
    /// <summary>Why the plugin could not be loaded (then it declared no group), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>Compiled into the native executable (<see cref="LinkedPlugins"/>), not loaded from <see cref="Dll"/>.</summary>
    public bool Linked { get; init; }
}
