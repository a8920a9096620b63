using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Text;
using NetTrace.Rules;

namespace NetTrace.Host.Modes;

/// <summary>
/// --drop, --sock, --monitor and plugins' own groups: one line per event as its group renders it, with the markers
/// of the rules on it (socket events), and --monitor's packet-path hits judged by the rules (only abnormal ones are
/// printed). Live and replayed alike.
/// </summary>
internal sealed class GroupEventsMode(TextEventWriter? text, IEventTap? tap, Func<string, IRenderContext> contextOf, long? limit) : ISessionMode
{
    private long _printed;

    /// <summary>--monitor's packet-path printer; without it skb hits are left out.</summary>
    public MonitorPathPrinter? PathPrinter { get; init; }

    /// <summary>The rules that mark the plugin groups' lines (socket events); null: no markers.</summary>
    public GroupEventMarkers? Markers { get; init; }

    /// <summary>Which events to print (replay's user-space filters).</summary>
    public Func<ITraceEvent, bool>? Keep { get; init; }

    /// <summary>Says how many were printed in the exit summary (replay, where events outnumber what the filters keep).</summary>
    public bool CountPrinted { get; init; }

    /// <summary>Each printed plugin event, with its render context (metrics, arm triggers).</summary>
    public Action<string, ITraceEvent, IRenderContext>? Printed { get; init; }

    /// <summary>Each packet-path hit the rules found abnormal, with those rules (metrics, arm triggers).</summary>
    public Action<SkbTraceEvent, IReadOnlyList<CompiledRule>>? Abnormal { get; init; }

    public bool Done => limit is { } most && _printed >= most;

    public string Counts => CountPrinted ? $", {_printed} printed" : "";

    public string Notes => "";

    public void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> record)
    {
        if (ev is SkbTraceEvent hit)
        {
            if (Keep is not null && !Keep(ev))
                return;
            if (PathPrinter?.Print(hit) is { Count: > 0 } abnormal)
            {
                _printed++;
                Abnormal?.Invoke(hit, abnormal);
            }
            return;
        }
        if (Keep is null || Keep(ev))
            Write(group, ev);
        // Written (or filtered out): no sink keeps a plugin event, so its decoder may reuse it.
        EventDispatcher.Release(ev);
    }

    private void Write(TraceGroup group, ITraceEvent ev)
    {
        var context = contextOf(group.Name);
        var matches = Markers?.Match(group.Name, ev, context);
        if (matches is { Count: > 0 })
        {
            text?.Write(group, ev, context, line => GroupEventMarkers.Append(line, matches));
            tap?.Event(ev, group.Name, ev.Trace, null, [.. matches.Select(r => r.Message)]);
        }
        else
        {
            text?.Write(group, ev, context);
            tap?.Event(ev, group.Name, ev.Trace, null, null);
        }
        Printed?.Invoke(group.Name, ev, context);
        _printed++;
    }

    public void Tick()
    {
    }

    /// <summary>Every event is printed as it comes: nothing waits for a tick.</summary>
    public int TickTimeoutMs() => -1;

    public void Finish()
    {
    }
}
