using System.Text;
using NetTrace.Rules.Model;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>The model as one line per rule, for golden comparisons (records with lists compare by reference).</summary>
internal static class ModelPrinter
{
    public static string Print(IEnumerable<RuleDefinition> rules) => string.Join("\n", rules.Select(Print));

    public static string Print(RuleDefinition rule)
    {
        var text = new StringBuilder();
        text.Append(rule.Name.Value).Append(" @").Append(Position(rule.Span)).Append(" on ");
        text.Append(rule.Group is { } group ? $"group {group.Value}" : string.Join(",", rule.Traces.Select(t => $"{t.Value}@{Position(t.Span)}")));
        if (rule.Condition is { } condition)
            text.Append(" when ").Append(Print(condition)).Append(" @").Append(Range(condition.Span));
        text.Append(' ').Append(rule.Level.ToString().ToLowerInvariant()).Append(' ').Append(Quote(rule.Message.Value));
        if (rule.Advice is { } advice)
            text.Append(" advice ").Append(Quote(advice.Value));
        return text.ToString();
    }

    private static string Print(RuleCondition condition) => condition switch
    {
        LogicalCondition l => $"({Print(l.Left)} {l.Operator.ToString().ToLowerInvariant()} {Print(l.Right)})",
        NotCondition n => $"not {Print(n.Operand)}",
        ExistsCondition e => $"{e.Field.Value} exists",
        ComparisonCondition c => $"{c.Field.Value} {Operator(c.Operator)} {Print(c.Value)}",
        InCondition i => $"{i.Field.Value} in ({string.Join(", ", i.Values.Select(Print))})",
        _ => throw new ArgumentException(condition.GetType().Name),
    };

    private static string Print(RuleValue value) => value switch
    {
        NumberValue n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TextValue t => Quote(t.Value),
        ConstantValue c => c.Name,
        _ => throw new ArgumentException(value.GetType().Name),
    };

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Position(SourceSpan span) => $"{span.Line}:{span.Column}";

    private static string Range(SourceSpan span) => $"{span.Line}:{span.Column}-{span.EndLine}:{span.EndColumn}";
}
