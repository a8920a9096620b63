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

    /// <summary>
    /// The value of the field called <paramref name="name"/>, unboxed, or <see cref="FieldValue.None"/> when there is
    /// none: what per-event readers (metrics, triggers) use instead of <see cref="ITraceEvent.Fields"/>, which boxes
    /// every field of an event that implements <see cref="ITraceEvent.VisitFields"/>.
    /// </summary>
    public static FieldValue Get(this ITraceEvent ev, string name)
    {
        // One finder per thread, reused: the lookup allocates nothing. A visitor may call back in (an event whose
        // fields read another event's), so a busy finder gives way to a fresh one.
        var finder = t_finder is { Busy: false } idle ? idle : t_finder = new FieldFinder();
        return finder.Find(ev, name);
    }

    [ThreadStatic]
    private static FieldFinder? t_finder;

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

    private sealed class FieldFinder : IEventFieldVisitor
    {
        private string _name = "";
        private FieldValue _found;

        public bool Busy { get; private set; }

        public FieldValue Find(ITraceEvent ev, string name)
        {
            Busy = true;
            _name = name;
            _found = FieldValue.None;
            try
            {
                ev.VisitFields(this);
                return _found;
            }
            finally
            {
                _name = "";
                _found = FieldValue.None;
                Busy = false;
            }
        }

        public void Field(string name, FieldValue value)
        {
            if (_found.IsNone && name == _name)
                _found = value;
        }
    }

    private sealed class ListVisitor : IEventFieldVisitor
    {
        public List<KeyValuePair<string, object?>> Fields { get; } = [];

        public void Field(string name, FieldValue value) => Fields.Add(new(name, value.Box()));
    }
}
