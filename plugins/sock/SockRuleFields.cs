using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Plugins.Sock;

/// <summary>
/// What rules read on a socket event beyond the host's fields (state, rtt, srtt, the listener's queues): the event's own fields of these
/// names (<see cref="SockEvent.VisitFields"/>), and the reset reason by the kernel's name.
/// </summary>
public static class SockRuleFields
{
    public static IReadOnlyList<RuleField> Declared { get; } =
    [
        new("ca_state", RuleFieldType.Text, "TCP congestion state: CA_Open, CA_Disorder, CA_CWR, CA_Recovery, CA_Loss"),
        new("packets_out", RuleFieldType.Number, "segments in flight"),
        new("retrans_out", RuleFieldType.Number, "retransmitted segments in flight"),
        new("wmem", RuleFieldType.Number, "bytes queued to send (sk_wmem_queued)"),
        new("rmem", RuleFieldType.Number, "bytes received and not yet read (sk_rmem_alloc)"),
        new("rcvbuf", RuleFieldType.Number, "the receive buffer limit (sk_rcvbuf)"),
        new("rcvbuf_full", RuleFieldType.Number, "1 when the bytes received and not read exceed the receive buffer limit, else 0"),
        new("timer", RuleFieldType.Text, "the pending timer: retrans, probe0, keepalive, loss_probe..."),
        new("old_state", RuleFieldType.Text, "a state change's old TCP state"),
        new("new_state", RuleFieldType.Text, "a state change's new TCP state"),
        new("sock", RuleFieldType.Text, "\"none\" when no socket owns the packet (a reset answering it)"),
        new("reset_reason", RuleFieldType.Text, "tcp_send_reset's reason without SK_RST_REASON_ (6.10 and later): NO_SOCKET, ..."),
    ];

    /// <summary>The reset reason by name; every other field as the event gives it.</summary>
    public static string? Text(ITraceEvent ev, string field, IRenderContext context) =>
        field == "reset_reason" && ev is SockEvent { Record: var r } && (r.Flags & SockFlags.Reset) != 0
            ? ResetReason(r.Aux0, context)
            : null;

    /// <summary>A reset reason by the kernel's name without its prefix, else its number.</summary>
    public static string ResetReason(uint reason, IRenderContext context) =>
        context.EnumName(SockCatalogue.ResetReasonEnum, reason) is { } name
            ? name.Replace(SockCatalogue.ResetReasonPrefix, "", StringComparison.Ordinal)
            : reason.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
