namespace NetTrace.Host.Plugins;

/// <summary>A plugin could not be found, loaded or registered.</summary>
internal sealed class PluginException(string message, Exception? inner = null) : Exception(message, inner);
