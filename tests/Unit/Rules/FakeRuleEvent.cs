using NetTrace.Abstractions.Rules;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>An event with whatever fields a test gives it: longs are numbers, strings are text.</summary>
internal sealed class FakeRuleEvent(string trace, string group, params (string Field, object Value)[] fields) : IRuleEvent
{
    private readonly Dictionary<string, object> values = fields.ToDictionary(f => f.Field, f => f.Value);

    public string Trace { get; } = trace;

    public string Group { get; } = group;

    public bool TryGetNumber(string field, out long value)
    {
        var found = values.TryGetValue(field, out var raw) && raw is long;
        value = found ? (long)raw! : 0;
        return found;
    }

    public bool TryGetText(string field, out string value)
    {
        var found = values.TryGetValue(field, out var raw) && raw is string;
        value = found ? (string)raw! : "";
        return found;
    }
}
