using NetTrace.Abstractions.Plugins;
using NetTrace.Rules.Model;
using NetTrace.Rules.Syntax;

namespace NetTrace.Rules;

/// <summary>Parse, lower and validate: everything short of code generation, and no Roslyn.</summary>
internal static class RuleFrontEnd
{
    /// <returns>All diagnostics (file by file, in position order) and the rules of the files without any.</returns>
    public static (IReadOnlyList<RuleDiagnostic> Diagnostics, IReadOnlyList<RuleDefinition> Rules) Analyze(
        IReadOnlyList<RuleSource> sources, RuleContext context)
    {
        var syntaxErrors = new List<RuleDiagnostic>();
        var definitions = new List<RuleDefinition>();
        foreach (var source in sources)
        {
            var file = RuleParser.Parse(source);
            syntaxErrors.AddRange(file.Errors);
            definitions.AddRange(SyntaxLowering.Lower(file));
        }
        // Validated together so duplicate names across files are found.
        var all = syntaxErrors.Concat(RuleValidator.Validate(definitions, context)).ToList();
        var fileOrder = sources.Select((s, i) => (s.Name, i)).GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var ordered = all.OrderBy(d => fileOrder.GetValueOrDefault(d.File))
            .ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
        var broken = ordered.Select(d => d.File).ToHashSet(StringComparer.Ordinal);
        return (ordered, definitions.Where(r => !broken.Contains(r.Span.File)).ToList());
    }
}
