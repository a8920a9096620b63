using NetTrace.Abstractions.Errors;

namespace NetTrace.Host.Kernel;

/// <summary>The machine cannot run a trace at all (no privileges, no kernel BTF): exit code 1, one line.</summary>
internal sealed class UnmetRequirementException(string message) : NetTraceException(message, RuntimeError);
