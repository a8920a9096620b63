using NetTrace.Abstractions.Errors;

namespace NetTrace.Host.Errors;

/// <summary>
/// The command line or the configuration is wrong: a bad value, options that cannot go together, an unknown trace, a
/// broken .rules file, an output file that cannot be created, a request nothing on this kernel can serve. Exit 2.
/// </summary>
internal sealed class UsageException(string message, Exception? inner = null) : NetTraceException(message, Usage, inner);
