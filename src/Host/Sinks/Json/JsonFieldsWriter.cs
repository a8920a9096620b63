using System.Globalization;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// A plugin event's own fields (sock: state, rtt...) as the "fields" object: JSON numbers, strings and booleans,
/// anything else as its invariant text. Absent (null) values are left out, and so is the object when none remain.
/// A name given twice keeps its first place and its last value.
/// </summary>
internal static class JsonFieldsWriter
{
    public static void Write(JsonLineWriter json, IReadOnlyList<KeyValuePair<string, object?>> all, IReadOnlySet<string> promoted)
    {
        bool started = false;
        for (int i = 0; i < all.Count; i++)
        {
            var (key, value) = all[i];
            if (value is null || promoted.Contains(key) || SetBefore(all, i, key))
                continue;
            if (!started)
            {
                json.StartObject(JsonNames.Fields);
                started = true;
            }
            json.PropertyName(key);
            WriteValue(json, LastValue(all, i, key));
        }
        if (started)
            json.EndObject();
    }

    private static void WriteValue(JsonLineWriter json, object value)
    {
        switch (value)
        {
            case string s:
                json.StringValue(s);
                break;
            case bool b:
                json.BooleanValue(b);
                break;
            case byte or ushort or uint or ulong:
                json.NumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case sbyte or short or int or long:
                json.NumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.StringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool SetBefore(IReadOnlyList<KeyValuePair<string, object?>> all, int at, string key)
    {
        for (int i = 0; i < at; i++)
        {
            if (all[i].Value is not null && all[i].Key == key)
                return true;
        }
        return false;
    }

    private static object LastValue(IReadOnlyList<KeyValuePair<string, object?>> all, int at, string key)
    {
        object value = all[at].Value!;
        for (int i = at + 1; i < all.Count; i++)
        {
            if (all[i].Value is { } later && all[i].Key == key)
                value = later;
        }
        return value;
    }
}
