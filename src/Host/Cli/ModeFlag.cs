using System.CommandLine;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli;

/// <summary>
/// A mode flag and the mode it selects. A class, not a value tuple: LINQ or a list over a tuple of a reference and
/// an enum is a generic instantiation the ReadyToRun image lacks, which every start would hand to the JIT.
/// </summary>
internal sealed record ModeFlag(Option<bool> Flag, TraceMode Mode);
