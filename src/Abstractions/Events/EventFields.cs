namespace NetTrace.Abstractions.Events;

/// <summary>Reading an event's <see cref="ITraceEvent.Fields"/> by name.</summary>
public static class EventFields
{
    /// <summary>
    /// The value of the field called <paramref name="name"/>, or null when there is none. Events may build their
    /// list on each read of <see cref="ITraceEvent.Fields"/>: read it once, then look up every field in it.
    /// </summary>
    public static object? Find(this IReadOnlyList<KeyValuePair<string, object?>> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Key == name)
                return field.Value;
        }
        return null;
    }
}
