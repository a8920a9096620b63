using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Text;

namespace NetTrace.Host.Sinks.Lifecycle;

/// <summary>
/// One skb trace hit as the seed prints it in lifecycle and basic modes:
/// <c>[ts] [point               ] packet</c>, or with --detail
/// <c>[ts] [skb][point               ][cpu:N  ][if   ][pid:N      ][comm        ] packet</c>,
/// then " *return: N*" under --ret and the call stack lines when one was captured.
/// </summary>
internal sealed class SkbLineFormatter(TextWriter output, EventClock clock, bool detail, bool showReturn, IRenderContext context, bool tiny = false)
{
    private const string UnknownPacket = "unknown packet";

    private readonly StringBuilder _line = new(256);

    /// <param name="fallback">
    /// What to print when the event carries no packet (--pkt-fixed captures only the first hit):
    /// the last packet known for the same lifecycle, or null for "unknown packet".
    /// </param>
    /// <param name="annotate">Adds to the end of the line (--diag's notes and markers); null for nothing.</param>
    public void Write(SkbTraceEvent ev, PacketInfo? fallback, Action<StringBuilder>? annotate = null)
    {
        var line = Start(ev, fallback);
        annotate?.Invoke(line);
        Finish(ev);
    }

    /// <summary>
    /// The event's line, not yet written: the caller may add to its end (without a delegate per line), then
    /// <see cref="Finish"/> writes it. See <see cref="Write"/>.
    /// </summary>
    public StringBuilder Start(SkbTraceEvent ev, PacketInfo? fallback)
    {
        ArgumentNullException.ThrowIfNull(ev);
        _line.Clear();
        AppendLine(_line, ev, fallback);
        return _line;
    }

    /// <summary>Writes the line <see cref="Start"/> began, and the event's call stack under it.</summary>
    public void Finish(SkbTraceEvent ev)
    {
        output.WriteLine(_line);
        if (ev.StackId >= 0)
            WriteStack(ev.StackId);
    }

    /// <summary>The event's line alone, without the newline or any stack lines.</summary>
    public void AppendLine(StringBuilder line, SkbTraceEvent ev, PacketInfo? fallback)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(ev);
        clock.Append(line.Append('['), ev.Meta.Timestamp).Append("] ");
        if (detail)
            DetailColumns.Append(line, ev.Meta, ev.Point);
        else
            line.Append(CultureInfo.InvariantCulture, $"[{ev.Point,-20}] ");

        // --tiny-show: a hit whose packet was not captured again is its time and function alone (upstream's shape).
        if (tiny && ev.Packet is null)
            line.Length--; // the space after the function column
        else if ((ev.Packet ?? fallback) is { } packet)
            PacketFormatter.Append(line, packet);
        else
            line.Append(UnknownPacket);

        // A tc or XDP program's verdict is what its hit is about: always shown.
        if (ev.Return is { } verdictRet && BpfVerdicts.Name(ev.Group, ev.Trace, verdictRet) is { } verdict)
            line.Append(" *verdict ").Append(verdict).Append('*');
        else if (showReturn && ev.Return is { } ret)
            line.Append(CultureInfo.InvariantCulture, $" *return: {ret}*");
    }

    private void WriteStack(int stackId)
    {
        IReadOnlyList<ulong> frames = context.Stack(stackId);
        // A stack the map no longer holds would print a bare header; say nothing instead.
        if (frames.Count == 0)
            return;
        output.WriteLine("Call Stack:");
        foreach (ulong frame in frames)
            output.WriteLine(StackFrameLine.Format(context.Symbolize(frame), frame));
        output.WriteLine();
    }
}
