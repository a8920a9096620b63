using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// Picks the finding that best names an incident's cause for its one report line: the first one that knows the
/// netfilter table and chain (the rule to look at), else the first WARN or ERROR.
/// </summary>
internal sealed class FindingCollector : IEventTap
{
    private string? _first;
    private string? _withChain;

    public string? Best => _withChain ?? _first;

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context)
    {
        _first ??= $"{level} {message} ({ev.Point})";
        if (_withChain is null && ev.Extra is { Kind: SkbExtraKind.NetfilterChain or SkbExtraKind.NetfilterTable } extra)
            _withChain = $"{level} {message} ({ev.Point}, table {extra.Table}, chain " +
                         (extra.Kind == SkbExtraKind.NetfilterChain ? extra.Chain : Abstractions.Netfilter.NetfilterNames.BuiltinChain(extra.Hook)) + ")";
    }

    public void Flush()
    {
    }
}
