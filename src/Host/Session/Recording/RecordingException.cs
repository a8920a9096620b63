using NetTrace.Abstractions.Errors;

namespace NetTrace.Host.Session.Recording;

/// <summary>A recording that cannot be read: not one, a newer version, truncated or damaged. One line, exit 1.</summary>
internal sealed class RecordingException(string message) : NetTraceException(message, RuntimeError);
