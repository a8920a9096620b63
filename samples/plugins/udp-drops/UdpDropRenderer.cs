using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>
/// Adds ", rc: -ENOMEM (receive buffer full), rcvbuf: 2304, queued: 2304, truesize: 1280" after the packet the
/// host prints: enough to see whether the application reads too slowly or the buffer is too small.
/// </summary>
public sealed class UdpDropRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not UdpDropEvent drop)
            return;
        line.Append(", rc: ").Append(UdpDropCause.Of(drop.Rc));
        line.Append(CultureInfo.InvariantCulture, $", rcvbuf: {drop.ReceiveBuffer}, queued: {drop.Queued}, truesize: {drop.TrueSize}");
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }
}
