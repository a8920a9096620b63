using NetTrace.Abstractions.Errors;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>A plugin could not be found, loaded or registered, or a mode needs a plugin that is not installed. Exit 2.</summary>
internal sealed class PluginException(string message, Exception? inner = null) : NetTraceException(message, Usage, inner);
