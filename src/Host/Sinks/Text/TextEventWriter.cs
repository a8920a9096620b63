using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Text;

/// <summary>
/// The seed's text line: "[ts] " + optional detail columns + packet + the group's summary,
/// then any lines the group adds (call stacks).
/// </summary>
/// <param name="pointOf">A group's fixed kernel point, printed as "[point               ] " before the packet; null for none.</param>
internal sealed class TextEventWriter(TextWriter output, EventClock clock, bool detail, Func<TraceGroup, string?>? pointOf = null)
{
    private readonly StringBuilder _line = new(256);
    private readonly List<string> _extra = [];

    /// <param name="notes">Adds the rules' markers after the group's summary; null for none.</param>
    public void Write(TraceGroup group, ITraceEvent ev, IRenderContext context, Action<StringBuilder>? notes = null)
    {
        _line.Clear();
        clock.Append(_line.Append('['), ev.Meta.Timestamp).Append("] ");
        if (detail)
            DetailColumns.Append(_line, ev.Meta);
        if (pointOf?.Invoke(group) is { } point)
            _line.Append(CultureInfo.InvariantCulture, $"[{point,-20}] ");
        if (ev.Packet is { } packet)
            PacketFormatter.Append(_line, packet);
        group.Renderer?.AppendSummary(_line, ev, context);
        notes?.Invoke(_line);
        output.WriteLine(_line);

        _extra.Clear();
        group.Renderer?.AppendLines(_extra, ev, context);
        foreach (string line in _extra)
            output.WriteLine(line);
    }
}
