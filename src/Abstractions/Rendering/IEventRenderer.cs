using System.Text;
using NetTrace.Abstractions.Events;

namespace NetTrace.Abstractions.Rendering;

/// <summary>
/// A group's part of the text output. The host writes the timestamp, the detail columns and the
/// packet; the group adds what only it knows after the packet, and optional lines below it.
/// </summary>
public interface IEventRenderer
{
    /// <summary>Appends the group's summary to the event's line (e.g. ", reason: NO_SOCKET, tcp_v4_rcv+0x81").</summary>
    void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context);

    /// <summary>Adds whole lines printed under the event line (e.g. a call stack).</summary>
    void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context);
}
