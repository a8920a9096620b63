using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// Whether an event of the group arms a capture under <c>--monitor --arm</c> when no --arm-on rule is given: the
/// reason printed with the incident ("kfree_skb NO_SOCKET at tcp_v4_rcv+0x81"), or null for an event that does not.
/// </summary>
public delegate string? ArmTrigger(ITraceEvent ev, IRenderContext context);
