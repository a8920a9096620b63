using NetTrace.Abstractions.Events;
using NetTrace.Host.Output;

namespace NetTrace.Host.Incidents;

/// <summary>Keeps an incident's first WARN or ERROR finding, for the one line that reports the incident.</summary>
internal sealed class FindingCollector : IEventTap
{
    public string? First { get; private set; }

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context) =>
        First ??= $"{level} {message} ({ev.Point})";

    public void Flush()
    {
    }
}
