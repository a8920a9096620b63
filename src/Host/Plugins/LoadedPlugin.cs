using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Plugins;

/// <summary>A plugin entry point that has run, with the groups it declared.</summary>
internal sealed record LoadedPlugin(string Dll, string Name, IReadOnlyList<TraceGroup> Groups);
