using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// A decoded event. Sinks (text, JSON, pcapng, metrics) and rules read it generically through
/// <see cref="VisitFields"/> or <see cref="Fields"/>; renderers may use the concrete type. An event implements one
/// of the two (<see cref="VisitFields"/>: the per-record sinks then allocate nothing) and gets the other from it.
/// </summary>
public interface ITraceEvent
{
    /// <summary>The trace (catalogue entry) that produced the event.</summary>
    string Trace { get; }

    PacketMeta Meta { get; }

    /// <summary>The packet, for packet-shaped events.</summary>
    PacketInfo? Packet { get; }

    /// <summary>Group-specific fields by name, boxed, for rules and other occasional readers; by default what <see cref="VisitFields"/> gives.</summary>
    IReadOnlyList<KeyValuePair<string, object?>> Fields => EventFields.Collect(this);

    /// <summary>
    /// Hands each group-specific field to <paramref name="visitor"/>, in order, without boxing: what the JSON line
    /// reads for every event. By default, the fields of <see cref="Fields"/>.
    /// </summary>
    void VisitFields(IEventFieldVisitor visitor) => EventFields.Visit(Fields, visitor);
}
