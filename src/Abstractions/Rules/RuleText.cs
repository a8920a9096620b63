using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Abstractions.Rules;

/// <summary>
/// How --arm-on rules read <paramref name="field"/> of a group's event as text where the raw field is not (a drop
/// reason number read by the kernel's name). Null leaves the field to the host: its own fields (location, flags,
/// ifname...), else the event's text field of that name.
/// </summary>
public delegate string? RuleText(ITraceEvent ev, string field, IRenderContext context);
