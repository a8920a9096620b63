namespace NetTrace.Abstractions.Events;

/// <summary>Reading an event's <see cref="ITraceEvent.Fields"/> by name, and the bridge between the two ways to give fields.</summary>
public static class EventFields
{
    // Set while an event's fields are collected: an event that implements neither member would recurse forever.
    [ThreadStatic]
    private static bool t_collecting;

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

    /// <summary>The list <see cref="ITraceEvent.Fields"/> gives by default: what the event visits, boxed.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Collect(ITraceEvent ev)
    {
        if (t_collecting)
            throw new InvalidOperationException($"{ev.GetType().FullName} must implement ITraceEvent.VisitFields (or Fields)");
        t_collecting = true;
        try
        {
            var list = new ListVisitor();
            ev.VisitFields(list);
            return list.Fields;
        }
        finally
        {
            t_collecting = false;
        }
    }

    /// <summary>What <see cref="ITraceEvent.VisitFields"/> does by default: the event's list, field by field.</summary>
    public static void Visit(IReadOnlyList<KeyValuePair<string, object?>> fields, IEventFieldVisitor visitor)
    {
        for (int i = 0; i < fields.Count; i++)
            visitor.Field(fields[i].Key, FieldValue.From(fields[i].Value));
    }

    private sealed class ListVisitor : IEventFieldVisitor
    {
        public List<KeyValuePair<string, object?>> Fields { get; } = [];

        public void Field(string name, FieldValue value) => Fields.Add(new(name, value.Box()));
    }
}
