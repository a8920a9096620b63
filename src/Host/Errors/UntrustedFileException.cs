using NetTrace.Abstractions.Errors;

namespace NetTrace.Host.Errors;

/// <summary>A plugin, .rules file or cached rules assembly that someone other than root could change: refused, exit 2.</summary>
internal sealed class UntrustedFileException(string message) : NetTraceException(message, Usage);
