using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Cli;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session;

namespace NetTrace.Host.Engine.Groups;

/// <summary>A trace that is live, and the way it was attached.</summary>
internal sealed record AttachedTrace(TraceSpec Trace, AttachTarget Target);
