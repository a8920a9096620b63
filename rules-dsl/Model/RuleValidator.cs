using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules.Model;

/// <summary>
/// Checks rules against what is known (traces, groups, fields, constants) and reports every problem, not
/// just the first. Only validated rules reach code generation: that is what keeps unknown field names
/// and ill-typed comparisons out of generated code.
/// </summary>
public static class RuleValidator
{
    /// <summary>How deeply a condition may nest (each and/or/not counts); real rules stay far below it.</summary>
    public const int MaxConditionDepth = 64;

    public static IReadOnlyList<RuleDiagnostic> Validate(IReadOnlyList<RuleDefinition> rules, RuleContext context)
    {
        var diagnostics = new List<RuleDiagnostic>();
        var firstByName = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (firstByName.TryGetValue(rule.Name.Value, out var first))
                diagnostics.Add(RuleDiagnostic.At(rule.Name.Span, DiagnosticCodes.DuplicateRule,
                    $"rule '{rule.Name.Value}' is already defined at {first.Name.Span}"));
            else
                firstByName.Add(rule.Name.Value, rule);
            ValidateRule(rule, context, diagnostics);
        }
        return diagnostics;
    }

    private static void ValidateRule(RuleDefinition rule, RuleContext context, List<RuleDiagnostic> diagnostics)
    {
        foreach (var trace in rule.Traces)
        {
            if (!context.Traces.Contains(trace.Value, StringComparer.Ordinal))
                diagnostics.Add(RuleDiagnostic.At(trace.Span, DiagnosticCodes.UnknownTrace,
                    $"unknown trace '{trace.Value}'{NameSuggestion.DidYouMean(trace.Value, context.Traces)}"));
        }
        if (rule.Group is { } group && !context.Groups.Contains(group.Value, StringComparer.Ordinal) && !RuleContext.SessionGroups.Contains(group.Value, StringComparer.Ordinal))
            diagnostics.Add(RuleDiagnostic.At(group.Span, DiagnosticCodes.UnknownGroup,
                $"unknown group '{group.Value}'{NameSuggestion.DidYouMean(group.Value, context.Groups)}"));
        if (rule.Condition is not null && Depth(rule.Condition) > MaxConditionDepth)
            diagnostics.Add(RuleDiagnostic.At(rule.Condition.Span, DiagnosticCodes.SyntaxError,
                $"the condition nests more than {MaxConditionDepth} levels deep; split the rule"));
        else if (rule.Condition is not null)
            ValidateCondition(rule.Condition, context, diagnostics);
        foreach (var field in rule.MessageParts.Fields.Concat(rule.AdviceParts?.Fields ?? []))
            FindField(field, context, diagnostics);
        if (string.IsNullOrWhiteSpace(rule.Message.Value))
            diagnostics.Add(RuleDiagnostic.At(rule.Message.Span, DiagnosticCodes.EmptyMessage,
                $"rule '{rule.Name.Value}' has an empty message; say what the finding means"));
        if (rule.Advice is { } advice && string.IsNullOrWhiteSpace(advice.Value))
            diagnostics.Add(RuleDiagnostic.At(advice.Span, DiagnosticCodes.EmptyMessage,
                $"rule '{rule.Name.Value}' has an empty advice; leave it out or say what to do"));
    }

    private static void ValidateCondition(RuleCondition condition, RuleContext context, List<RuleDiagnostic> diagnostics)
    {
        switch (condition)
        {
            case LogicalCondition logical:
                ValidateCondition(logical.Left, context, diagnostics);
                ValidateCondition(logical.Right, context, diagnostics);
                break;
            case NotCondition not:
                ValidateCondition(not.Operand, context, diagnostics);
                break;
            case ExistsCondition exists:
                FindField(exists.Field, context, diagnostics);
                break;
            case ComparisonCondition comparison:
                ValidateComparison(comparison, context, diagnostics);
                break;
            case InCondition test:
                ValidateIn(test, context, diagnostics);
                break;
        }
    }

    private static void ValidateIn(InCondition test, RuleContext context, List<RuleDiagnostic> diagnostics)
    {
        var field = FindField(test.Field, context, diagnostics);
        foreach (var value in test.Values)
        {
            if (!KnownConstant(value, field, diagnostics) || field is null)
                continue;
            var name = test.Field.Value;
            if (field.Type == RuleFieldType.Number && value is TextValue)
                diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.TypeMismatch,
                    $"field '{name}' is a number; its list takes numbers, not text"));
            else if (field.Type != RuleFieldType.Number && value is not TextValue)
                diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.TypeMismatch,
                    $"field '{name}' is {Article(field.Type)}; quote the values of its list"));
            else if (field.Type == RuleFieldType.Address && value is TextValue text
                     && !AddressSet.TryParse(text.Value, out _, out var error))
                diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.BadAddress, error!));
        }
    }

    private static string Article(RuleFieldType type) => type == RuleFieldType.Address ? "an address" : "text";

    // A bare word that names no constant; a bare word compared with text is almost always missing quotes.
    private static bool KnownConstant(RuleValue value, RuleField? field, List<RuleDiagnostic> diagnostics)
    {
        if (value is not ConstantValue constant || RuleConstants.All.ContainsKey(constant.Name))
            return true;
        var hint = field is { Type: not RuleFieldType.Number }
            ? $" (text values need quotes: \"{constant.Name}\")"
            : NameSuggestion.DidYouMean(constant.Name, RuleConstants.All.Keys);
        diagnostics.Add(RuleDiagnostic.At(constant.Span, DiagnosticCodes.UnknownConstant,
            $"unknown constant '{constant.Name}'{hint}"));
        return false;
    }

    private static void ValidateComparison(ComparisonCondition comparison, RuleContext context, List<RuleDiagnostic> diagnostics)
    {
        var field = FindField(comparison.Field, context, diagnostics);
        var value = comparison.Value;
        if (!KnownConstant(value, field, diagnostics) || field is null)
            return;
        var name = comparison.Field.Value;
        if (field.Type == RuleFieldType.Number && value is TextValue)
            diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.TypeMismatch,
                $"field '{name}' is a number and cannot be compared with text"));
        else if (field.Type != RuleFieldType.Number && value is not TextValue)
            diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.TypeMismatch,
                $"field '{name}' is {Article(field.Type)} and cannot be compared with a number; quote the value"));
        else if (field.Type != RuleFieldType.Number && comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
            diagnostics.Add(RuleDiagnostic.At(comparison.Span, DiagnosticCodes.TypeMismatch,
                $"field '{name}' is {Article(field.Type)}; only == and != can compare it"
                + (field.Type == RuleFieldType.Address ? $" (a range is a prefix: {name} in \"10.0.0.0/8\")" : "")));
        else if (field.Type == RuleFieldType.Address && value is TextValue text && AddressSet.Canonical(text.Value) is null)
            diagnostics.Add(RuleDiagnostic.At(value.Span, DiagnosticCodes.BadAddress, text.Value.Contains('/', StringComparison.Ordinal)
                ? $"'{text.Value}' is a prefix and == is exact; test it with in: {name} in \"{text.Value}\""
                : $"'{text.Value}' is not an IPv4 or IPv6 address"));
    }

    private static int Depth(RuleCondition condition) => condition switch
    {
        LogicalCondition logical => 1 + Math.Max(Depth(logical.Left), Depth(logical.Right)),
        NotCondition not => 1 + Depth(not.Operand),
        _ => 1,
    };

    private static RuleField? FindField(SpannedText name, RuleContext context, List<RuleDiagnostic> diagnostics)
    {
        var field = context.FindField(name.Value);
        if (field is null)
            diagnostics.Add(RuleDiagnostic.At(name.Span, DiagnosticCodes.UnknownField,
                $"unknown field '{name.Value}'{NameSuggestion.DidYouMean(name.Value, context.Fields.Select(f => f.Name))}"));
        return field;
    }
}
