namespace NetTrace.Abstractions.Events;

/// <summary>Receives an event's fields one by one from <see cref="ITraceEvent.VisitFields"/>, in the event's order.</summary>
public interface IEventFieldVisitor
{
    /// <param name="value">May be <see cref="FieldValue.None"/>: the field is absent from this event.</param>
    void Field(string name, FieldValue value);
}
