using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// Loads a compiled rules assembly and pairs class RuleN with the N-th rule of the model (or takes the matchers of a
/// set linked into the executable). Everything a finding shows comes from the model; the code only contributes the
/// matchers.
/// </summary>
internal static class RuleBinder
{
    /// <returns>The rules, or null if the image is not an assembly of the expected shape (then nothing stays loaded).</returns>
    public static IReadOnlyList<CompiledRule>? Bind(byte[] image, IReadOnlyList<RuleDefinition> rules, RuleContext ruleContext)
    {
        var context = new RuleLoadContext();
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var compiled = new List<CompiledRule>(rules.Count);
            for (var index = 0; index < rules.Count; index++)
            {
                var rule = rules[index];
                var type = assembly.GetType(GeneratedNames.TypeName(index));
                var method = type?.GetMethod(GeneratedNames.MatchesMethod, [typeof(IRuleEvent)]);
                // Belt and braces on top of the content hash: the class must be the rule it claims to be.
                var name = type?.GetField(GeneratedNames.NameConstant)?.GetRawConstantValue() as string;
                if (method is null || method.ReturnType != typeof(bool) || name != rule.Name.Value)
                {
                    context.Unload();
                    return null;
                }
                compiled.Add(Compiled(rule, method.CreateDelegate<Func<IRuleEvent, bool>>(), ruleContext));
            }
            return compiled;
        }
        catch (BadImageFormatException)
        {
            context.Unload();
            return null;
        }
    }

    /// <summary>Pairs the matchers of a set linked into the executable with its rules, the N-th with the N-th.</summary>
    public static IReadOnlyList<CompiledRule>? BindLinked(IReadOnlyList<Func<IRuleEvent, bool>> matchers, IReadOnlyList<RuleDefinition> rules,
        RuleContext ruleContext) =>
        matchers.Count != rules.Count ? null : [.. rules.Select((rule, index) => Compiled(rule, matchers[index], ruleContext))];

    private static CompiledRule Compiled(RuleDefinition rule, Func<IRuleEvent, bool> matches, RuleContext ruleContext) =>
        new(rule.Name.Value, rule.Span.File, rule.Span.Line, rule.Level, rule.Message.Value, rule.Advice?.Value,
            rule.Traces.Select(t => t.Value).ToList(), rule.Group?.Value, matches)
        {
            Condition = rule.Condition,
            MessageText = FindingText.From(rule.MessageParts, ruleContext),
            AdviceText = rule.AdviceParts is { } advice ? FindingText.From(advice, ruleContext) : null,
        };
}
