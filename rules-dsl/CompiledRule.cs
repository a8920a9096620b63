using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules;

/// <summary>
/// A rule ready to run: what it reports (from the rule text) and its compiled condition. It applies to
/// the events of <see cref="Traces"/>, or of every trace in <see cref="Group"/> when that is set.
/// <see cref="Message"/> and <see cref="Advice"/> are the texts as written, <c>{field}</c>s and all; what a finding
/// shows for an event is <see cref="MessageFor"/> and <see cref="AdviceFor"/>.
/// </summary>
public sealed record CompiledRule(
    string Name,
    string File,
    int Line,
    FindingLevel Level,
    string Message,
    string? Advice,
    IReadOnlyList<string> Traces,
    string? Group,
    Func<IRuleEvent, bool> Matches)
{
    /// <summary>The rule's condition as written (null: always), for consumers that translate it (e.g. into a kernel-side filter).</summary>
    public Model.RuleCondition? Condition { get; init; }

    /// <summary>The message to render per event; null (a rule not made by the compiler): <see cref="Message"/> as it is.</summary>
    public FindingText? MessageText { get; init; }

    /// <summary>The advice to render per event; null: <see cref="Advice"/> as it is.</summary>
    public FindingText? AdviceText { get; init; }

    /// <summary>The message or the advice names a field, so what it says depends on the event.</summary>
    public bool HasFields => MessageText?.HasFields == true || AdviceText?.HasFields == true;

    /// <summary>The message for this event: each {field} its value (? when absent), braces unescaped.</summary>
    public string MessageFor(IRuleEvent ev) => MessageText is { } text ? text.Render(ev) : Message;

    /// <summary>Appends <see cref="MessageFor"/>'s text without making a string of it (a marker on every matching hit).</summary>
    public System.Text.StringBuilder AppendMessage(System.Text.StringBuilder line, IRuleEvent ev) =>
        MessageText is { } text ? text.AppendTo(line, ev) : line.Append(Message);

    /// <summary>The advice for this event, or null when the rule gives none.</summary>
    public string? AdviceFor(IRuleEvent ev) => AdviceText is { } text ? text.Render(ev) : Advice;

    public bool AppliesTo(string trace, string group) =>
        Group is null
            ? Traces.Contains(trace, StringComparer.Ordinal)
            : string.Equals(Group, group, StringComparison.Ordinal);
}
