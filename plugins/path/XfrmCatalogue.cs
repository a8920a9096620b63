using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>IPsec transforms. Off by default: most hosts run none, and each packet crosses several.</summary>
internal static class XfrmCatalogue
{
    public static TraceGroup Xfrm { get; } = TraceGroup.Generic("xfrm", "IPsec (xfrm, ESP, AH)",
    [
        Function("xfrm4_output", skb: 2, sock: 1).Off(),
        Function("xfrm_output", skb: 1, sock: 0).Off(),
        Function("xfrm_output2", skb: 2, sock: 1).Off(),
        Function("xfrm_output_gso", skb: 2, sock: 1).Off(),
        Function("xfrm_output_resume", skb: 1, sock: 0).Off(),
        Function("xfrm4_transport_output", skb: 1).Off(),
        Function("xfrm4_prepare_output", skb: 1).Off(),
        Function("xfrm4_policy_check", skb: 2, sock: 0).Off(),
        Function("xfrm4_rcv").Off(),
        Function("xfrm_input").Off(),
        Function("xfrm4_transport_input", skb: 1).Off(),
        Function("xfrm4_udp_encap_rcv", skb: 1, sock: 0).Off().Means("an ESP-in-UDP (NAT traversal) datagram reaches the encapsulation socket"),
        Function("xfrm4_rcv_encap").Off().Means("a decapsulated ESP packet enters xfrm input"),
        Function("ah_output", skb: 1).Off(),
        Function("esp_output", skb: 1).Off(),
        Function("esp_output_tail", skb: 1).Off(),
        Function("ah_input", skb: 1).Off(),
        Function("esp_input", skb: 1).Off(),
    ]);
}
