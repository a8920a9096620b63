using NetTrace.Host.Modes.Diff;
using NetTrace.Host.Modes.Replay;

namespace NetTrace.Host.Cli;

/// <summary>What runs `replay` and `diff` (the program's commands, or a test's stand-ins).</summary>
internal sealed record OfflineHandlers(
    Func<ReplayRequest, CancellationToken, Task<int>>? Replay,
    Func<DiffRequest, CancellationToken, Task<int>>? Diff);
