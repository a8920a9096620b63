using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Sock;

/// <summary>
/// The seed's socket line: <c>[func               ] TCP: a:p -> b:p STATE CA_State info:(out retrans)
/// mem:(wN rN) timer:(retrans, 1.000s)</c> (a listener adds <c>accept:(queued/backlog)</c>), then notes:
/// <c>*srtt:37ms, rtt:36ms*</c>, a state change, a reset's reason.
/// </summary>
public sealed class SockRenderer : IEventRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not SockEvent sock)
            return;
        var r = sock.Record;
        line.Append(Invariant, $"[{sock.Trace,-20}] TCP: ");
        Endpoint(line, sock.Source.ToString(), r.SourcePort, sock.IsIPv6);
        line.Append(" -> ");
        Endpoint(line, sock.Destination.ToString(), r.DestinationPort, sock.IsIPv6);
        line.Append(' ').Append(TcpNames.State(r.State)).Append(' ').Append(TcpNames.CaState(r.CaState));
        line.Append(Invariant, $" info:({r.PacketsOut} {r.RetransOut}) mem:(w{r.WriteMemory} r{r.ReadMemory})");
        if (TcpNames.Timer(r.Timer) is { } timer)
        {
            double seconds = (double)r.TimerJiffies / context.KernelHz;
            line.Append(Invariant, $" timer:({timer}, {seconds:0.000}s)");
        }
        if ((r.Flags & SockFlags.Backlog) != 0)
            line.Append(Invariant, $" accept:({r.Aux0}/{r.Aux1})");
        if ((r.Flags & SockFlags.States) != 0)
            line.Append(Invariant, $" *{TcpNames.State(r.Aux0)} -> {TcpNames.State(r.Aux1)}*");
        if ((r.Flags & SockFlags.HasRtt) != 0 || sock.Trace == SockCatalogue.RttProbe)
            line.Append(Invariant, $" *srtt:{r.SrttMicroseconds / 1000}ms, rtt:{r.RttMicroseconds / 1000}ms*");
        if ((r.Flags & SockFlags.Reset) != 0)
            line.Append(" *reset reason: ").Append(SockRuleFields.ResetReason(r.Aux0, context)).Append('*');
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }

    private static void Endpoint(StringBuilder line, string address, ushort port, bool brackets)
    {
        if (brackets)
            line.Append('[').Append(address).Append(']');
        else
            line.Append(address);
        line.Append(':').Append(port.ToString(Invariant));
    }
}
