using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// A decoded event. Sinks (text, JSON, pcapng, metrics) and rules read it generically
/// through <see cref="Fields"/>; renderers may use the concrete type.
/// </summary>
public interface ITraceEvent
{
    /// <summary>The trace (catalogue entry) that produced the event.</summary>
    string Trace { get; }

    PacketMeta Meta { get; }

    /// <summary>The packet, for packet-shaped events.</summary>
    PacketInfo? Packet { get; }

    /// <summary>Group-specific fields by name, for generic sinks and rules.</summary>
    IReadOnlyList<KeyValuePair<string, object?>> Fields { get; }
}
