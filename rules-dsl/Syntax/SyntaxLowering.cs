using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Syntax;

/// <summary>Turns parsed syntax into the canonical model, with a span for everything the validator may blame.</summary>
public static class SyntaxLowering
{
    public static IReadOnlyList<RuleDefinition> Lower(RuleFileSyntax file)
    {
        var lines = new LineMap(file.Text);
        SourceSpan SpanOf(SyntaxNode node)
        {
            // End is inclusive: the last character of the node.
            var (endLine, endColumn) = lines.At(Math.Max(node.Offset, node.End - 1));
            return new SourceSpan(file.File, node.Line, node.Column, endLine, endColumn);
        }
        SpannedText Text(TokenSyntax token) => new(token.Text, SpanOf(token));

        RuleCondition Condition(ConditionSyntax syntax) => syntax switch
        {
            ParenthesizedSyntax p => Condition(p.Inner),
            LogicalSyntax l => new LogicalCondition(l.Operator, Condition(l.Left), Condition(l.Right), SpanOf(l)),
            NotSyntax n => new NotCondition(Condition(n.Operand), SpanOf(n)),
            ExistsSyntax e => new ExistsCondition(Text(e.Field), SpanOf(e)),
            ComparisonSyntax c => new ComparisonCondition(Text(c.Field), c.Operator, Value(c.Value), SpanOf(c)),
            InSyntax { Negated: false } i => new InCondition(Text(i.Field), i.Values.Select(Value).ToList(), SpanOf(i)),
            InSyntax i => new NotCondition(new InCondition(Text(i.Field), i.Values.Select(Value).ToList(), SpanOf(i)), SpanOf(i)),
            _ => throw new InvalidOperationException($"unhandled condition syntax {syntax.GetType().Name}"),
        };
        RuleValue Value(ValueSyntax syntax) => syntax switch
        {
            NumberSyntax n => new NumberValue(n.Value, SpanOf(n)),
            StringSyntax s => new TextValue(s.Value, SpanOf(s)),
            ConstantSyntax c => new ConstantValue(c.Name.Text, SpanOf(c)),
            _ => throw new InvalidOperationException($"unhandled value syntax {syntax.GetType().Name}"),
        };

        // Malformed braces were reported by the parser; what remains here are the well-formed parts.
        TextTemplate Template(StringSyntax text) => new([.. TemplateScanner.Scan(text.Value).Pieces.Select(piece => piece.IsField
            ? new TemplatePart(piece.Text, new SpannedText(piece.Text, FieldSpan(text, piece)))
            : new TemplatePart(piece.Text, null))]);
        SourceSpan FieldSpan(StringSyntax text, TemplateScanner.Piece piece)
        {
            var (line, column) = lines.At(text.OffsetOf(piece.Start));
            var (endLine, endColumn) = lines.At(text.OffsetOf(piece.Start + piece.Text.Length - 1));
            return new SourceSpan(file.File, line, column, endLine, endColumn);
        }

        return file.Rules.Select(rule => new RuleDefinition(
            Text(rule.Name),
            rule.Traces.Select(Text).ToList(),
            rule.Group is null ? null : Text(rule.Group),
            rule.Condition is null ? null : Condition(rule.Condition),
            rule.Level.Text switch { "info" => FindingLevel.Info, "warn" => FindingLevel.Warn, _ => FindingLevel.Error },
            new SpannedText(rule.Message.Value, SpanOf(rule.Message)),
            rule.Advice is null ? null : new SpannedText(rule.Advice.Value, SpanOf(rule.Advice)),
            SpanOf(rule))
        {
            MessageTemplate = Template(rule.Message),
            AdviceTemplate = rule.Advice is null ? null : Template(rule.Advice),
        }).ToList();
    }
}
