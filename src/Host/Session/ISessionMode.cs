using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Session;

/// <summary>
/// The mode stage: what a session does with each decoded event (lifecycles, one line per hit, one line per plugin
/// event) and what its analysis and sinks see. The pipeline drives it the same way live, in an incident and in replay.
/// </summary>
internal interface ISessionMode
{
    /// <summary>-c is satisfied (or the mode has nothing more to print): the pipeline stops delivering.</summary>
    bool Done { get; }

    /// <summary>", 3 packets" or ", 5 printed" for the exit summary, before the lost count; may be empty.</summary>
    string Counts { get; }

    /// <summary>What the mode left out, for the end of the exit summary (", 2 lone frees left out"); may be empty.</summary>
    string Notes { get; }

    /// <param name="record">The raw record, valid only during the call.</param>
    void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> record);

    /// <summary>After each poll (live sources only): print what completed, expire what went idle.</summary>
    void Tick();

    /// <summary>
    /// How long the pipeline may wait for records before the mode's next <see cref="Tick"/> is due (a lifecycle to
    /// expire or settle), in ms; -1 when only a record can give it something to do.
    /// </summary>
    int TickTimeoutMs();

    /// <summary>At stop, after the source drained: print whatever is still open.</summary>
    void Finish();
}
