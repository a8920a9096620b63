namespace NetTrace.Rules.Model;

/// <summary>
/// <c>field in (v, v...)</c>: the field equals one of the values, or for an address field lies in one of the
/// addresses or CIDR prefixes; false when the event does not carry the field. <c>not in</c> is its negation.
/// </summary>
public sealed record InCondition(SpannedText Field, IReadOnlyList<RuleValue> Values, SourceSpan Span) : RuleCondition(Span);
