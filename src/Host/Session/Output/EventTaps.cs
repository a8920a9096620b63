using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Session.Output;

/// <summary>Several taps as one (--json and --pcap together).</summary>
internal sealed class EventTaps(IReadOnlyList<IEventTap> taps) : IEventTap
{
    /// <summary>Null when no tap was asked for, so callers pay nothing.</summary>
    public static IEventTap? Of(params IEventTap?[] taps)
    {
        var given = taps.OfType<IEventTap>().ToList();
        return given.Count switch { 0 => null, 1 => given[0], _ => new EventTaps(given) };
    }

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
        foreach (var tap in taps)
            tap.Event(ev, group, function, context, messages);
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context)
    {
        foreach (var tap in taps)
            tap.Finding(ev, level, message, advice, context);
    }

    public void Flush()
    {
        foreach (var tap in taps)
            tap.Flush();
    }
}
