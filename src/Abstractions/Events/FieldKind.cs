namespace NetTrace.Abstractions.Events;

/// <summary>What a <see cref="FieldValue"/> holds: the CLR type it was made from, so boxing it again gives that type back.</summary>
public enum FieldKind : byte
{
    /// <summary>No value: the field is absent from this event (a null in <see cref="ITraceEvent.Fields"/>).</summary>
    None,
    Boolean,
    Byte,
    UInt16,
    UInt32,
    UInt64,
    SByte,
    Int16,
    Int32,
    Int64,
    String,

    /// <summary>Any other object (a double, a TimeSpan): sinks show its invariant text.</summary>
    Other,
}
