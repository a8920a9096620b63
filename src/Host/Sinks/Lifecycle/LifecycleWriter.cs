using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Lifecycle;

/// <summary>
/// The default (lifecycle) mode's output: each completed context as a
/// <c>***************** skb1,skb2 ***************</c> header, its hits in time order, and an empty line.
/// </summary>
internal sealed class LifecycleWriter
{
    private readonly TextWriter _output;
    private readonly SkbLineFormatter _formatter;
    private readonly IRenderContext _context;
    private readonly ulong _minLatencyNs;
    private readonly Diagnoser? _diagnoser;
    private readonly IEventTap? _tap;
    private readonly bool _text;
    private readonly StringBuilder _header = new(64);
    private readonly LatencyShow? _latency;
    private readonly List<SkbTraceEvent> _ordered = [];

    /// <param name="minLatencyNs">--min-latency: contexts that lasted less than this are not printed.</param>
    /// <param name="diagnoser">--diag: rules run on each context, which gains markers and an analysis.</param>
    /// <param name="tap">--json/--pcap: each printed event (and finding) also goes there.</param>
    /// <param name="text">False under --json: the tap is the only output.</param>
    /// <param name="latency">--latency-show: each hit's time since the previous one, and the context's total.</param>
    public LifecycleWriter(TextWriter output, EventClock clock, bool detail, bool showReturn, IRenderContext context, ulong minLatencyNs = 0,
        Diagnoser? diagnoser = null, IEventTap? tap = null, bool text = true, LatencyShow? latency = null, bool tiny = false)
    {
        _latency = latency;
        _tap = tap;
        _text = text;
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _formatter = new SkbLineFormatter(output, clock, detail, showReturn, context, tiny);
        _context = context;
        _minLatencyNs = minLatencyNs;
        _diagnoser = diagnoser;
    }

    /// <summary>--diag reported an ERROR and stops (no --diag-keep).</summary>
    public bool Finished => _diagnoser?.Finished ?? false;

    /// <summary>Contexts printed so far.</summary>
    public long Printed { get; private set; }

    /// <summary>Contexts left out by --min-latency.</summary>
    public long Skipped { get; private set; }

    public void Write(IEnumerable<SkbContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        foreach (SkbContext context in contexts)
            Write(context);
    }

    /// <summary>Prints the context unless it is shorter than the minimum latency; says whether it printed.</summary>
    public bool Write(SkbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Events.Count == 0 || Finished)
        {
            Skipped++;
            return false;
        }
        // Hits from several CPUs arrive slightly out of order; the sort is stable for equal stamps.
        var ordered = InTimeOrder(context.Events);
        // --latency-show prints a total, and --min-latency compares that same total; without it, the seed's lifetime.
        ulong lifetime = _latency?.Lifetime(ordered) ?? context.Latency;
        if (lifetime < _minLatencyNs)
        {
            Skipped++;
            return false;
        }
        var findings = _diagnoser?.Examine(ordered);
        if (findings is not null && !_diagnoser!.ShouldPrint(findings))
        {
            Skipped++;
            return false;
        }

        string? contextId = _tap is null ? null : $"0x{context.Skbs[0]:x}";
        if (_text)
            WriteHeader(context);

        // Before the first captured packet (out-of-order arrival) the earliest one known stands in.
        PacketInfo? last = FirstPacket(ordered);
        for (int i = 0; i < ordered.Count; i++)
        {
            var ev = ordered[i];
            last = ev.Packet ?? last;
            var finding = findings?[i];
            if (_text)
            {
                var line = _formatter.Start(ev, last);
                // Upstream's place for it: after the return value, before the rules' notes.
                if (_latency is not null && i > 0)
                    LatencyShow.Append(line.Append(" latency: "), ev.Meta.Timestamp - ordered[i - 1].Meta.Timestamp).Append("ms");
                if (finding is not null)
                    _diagnoser!.AppendNotes(line, finding);
                _formatter.Finish(ev);
            }
            _tap?.Event(ev, ev.Group, ev.Point, contextId, SkbRuleEvent.MessagesOf(finding, _context));
        }
        if (_latency is not null && _text)
            _output.WriteLine(LatencyShow.Append(new StringBuilder("total latency: "), lifetime).Append("ms"));
        if (findings is null)
        {
            if (_text)
                _output.WriteLine();
        }
        else
        {
            _diagnoser!.WriteAfter(_text ? _output : TextWriter.Null, findings);
            for (int i = 0; _tap is not null && i < findings.Count; i++)
            {
                var finding = findings[i];
                if (!finding.IsAbnormal)
                    continue;
                var view = new SkbRuleEvent(finding.Event, _context);
                foreach (var rule in finding.Abnormal)
                    _tap.Finding(finding.Event, rule.Level.ToString().ToUpperInvariant(), rule.MessageFor(view), rule.AdviceFor(view), contextId);
            }
        }
        Printed++;
        return true;
    }

    /// <summary>The hits sorted by time, stably, in a list reused for every context (valid until the next call).</summary>
    private List<SkbTraceEvent> InTimeOrder(IReadOnlyList<SkbTraceEvent> events)
    {
        _ordered.Clear();
        for (int i = 0; i < events.Count; i++)
        {
            // Insertion from the end: hits arrive nearly in order, so each usually stays where it lands.
            var ev = events[i];
            int at = _ordered.Count;
            while (at > 0 && _ordered[at - 1].Meta.Timestamp > ev.Meta.Timestamp)
                at--;
            _ordered.Insert(at, ev);
        }
        return _ordered;
    }

    private static PacketInfo? FirstPacket(List<SkbTraceEvent> ordered)
    {
        for (int i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Packet is { } packet)
                return packet;
        }
        return null;
    }

    private void WriteHeader(SkbContext context)
    {
        _header.Clear().Append("***************** ");
        for (int i = 0; i < context.Skbs.Count; i++)
        {
            if (i > 0)
                _header.Append(',');
            _header.Append(CultureInfo.InvariantCulture, $"{context.Skbs[i]:x}");
        }
        _header.Append(" ***************");
        _output.WriteLine(_header);
    }
}
