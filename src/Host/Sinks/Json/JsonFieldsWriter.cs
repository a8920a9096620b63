using System.Globalization;
using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// A plugin event's own fields (sock: state, rtt...) as the "fields" object: JSON numbers, strings and booleans,
/// anything else as its invariant text. Absent values are left out, and so is the object when none remain. A name
/// given twice keeps its first place and its last value. The fields are taken unboxed (<see cref="ITraceEvent.VisitFields"/>)
/// into a buffer kept for the session, so the drop's reason and location can be read before the rest is written.
/// </summary>
internal sealed class JsonFieldsWriter : IEventFieldVisitor
{
    private (string Name, FieldValue Value)[] _fields = new (string, FieldValue)[32];
    private int _count;

    /// <summary>Takes <paramref name="ev"/>'s fields, replacing the previous event's.</summary>
    public void Read(ITraceEvent ev)
    {
        _count = 0;
        ev.VisitFields(this);
    }

    void IEventFieldVisitor.Field(string name, FieldValue value)
    {
        if (_count == _fields.Length)
            Array.Resize(ref _fields, _count * 2);
        _fields[_count++] = (name, value);
    }

    /// <summary>The last value given for the field called <paramref name="name"/>, or <see cref="FieldValue.None"/>.</summary>
    public FieldValue Find(string name)
    {
        for (int i = _count - 1; i >= 0; i--)
        {
            if (_fields[i].Name == name)
                return _fields[i].Value;
        }
        return FieldValue.None;
    }

    /// <summary>The "fields" object: every field read but those in <paramref name="promoted"/>.</summary>
    public void Write(JsonLineWriter json, IReadOnlySet<string> promoted)
    {
        bool started = false;
        for (int i = 0; i < _count; i++)
        {
            var (key, value) = _fields[i];
            if (value.IsNone || promoted.Contains(key) || SetBefore(i, key))
                continue;
            if (!started)
            {
                json.StartObject(JsonNames.Fields);
                started = true;
            }
            json.PropertyName(key);
            WriteValue(json, LastValue(i, key));
        }
        if (started)
            json.EndObject();
    }

    private static void WriteValue(JsonLineWriter json, FieldValue value)
    {
        if (value.Kind == FieldKind.String)
            json.StringValue(value.Text);
        else if (value.Kind == FieldKind.Boolean)
            json.BooleanValue(value.Boolean);
        else if (value.IsUnsigned)
            json.NumberValue(value.Unsigned);
        else if (value.IsSigned)
            json.NumberValue(value.Signed);
        else
            json.StringValue(Convert.ToString(value.Box(), CultureInfo.InvariantCulture));
    }

    private bool SetBefore(int at, string key)
    {
        for (int i = 0; i < at; i++)
        {
            if (!_fields[i].Value.IsNone && _fields[i].Name == key)
                return true;
        }
        return false;
    }

    private FieldValue LastValue(int at, string key)
    {
        var value = _fields[at].Value;
        for (int i = at + 1; i < _count; i++)
        {
            if (!_fields[i].Value.IsNone && _fields[i].Name == key)
                value = _fields[i].Value;
        }
        return value;
    }
}
