namespace NetTrace.Abstractions.Rules;

/// <summary>
/// What a compiled rule sees of an event: where it happened and its typed fields by name. Fields the
/// event does not carry are absent (a condition on an absent field is false).
/// </summary>
public interface IRuleEvent
{
    /// <summary>The trace that produced the event (e.g. "nft_do_chain").</summary>
    string Trace { get; }

    /// <summary>The trace's group (e.g. "netfilter").</summary>
    string Group { get; }

    bool TryGetNumber(string field, out long value);

    bool TryGetText(string field, out string value);
}
