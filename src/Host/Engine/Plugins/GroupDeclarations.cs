using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// Refuses, as a group registers, declarations that cannot hold together: a mode two groups claim, a metric or a
/// return verdict declared twice, a mode served by a group with no records of its own. One line each, naming both.
/// </summary>
internal static class GroupDeclarations
{
    public static void Check(TraceGroup group, IReadOnlyList<TraceGroup> registered)
    {
        var serves = group.Serves;
        if ((serves.Drop || serves.Sock || serves.Monitor is not null) && group is not { ModeOnly: true, OpenBpfObject: not null, Decoder: not null })
            throw new PluginException($"trace group '{group.Name}' serves {Modes(serves)}, which needs records of its own (ModeOnly, a BPF object and a decoder)");
        if (serves.Drop && registered.FirstOrDefault(g => g.Serves.Drop) is { } drop)
            throw new PluginException($"trace groups '{drop.Name}' and '{group.Name}' both serve --drop; only one may");
        if (serves.Sock && registered.FirstOrDefault(g => g.Serves.Sock) is { } sock)
            throw new PluginException($"trace groups '{sock.Name}' and '{group.Name}' both serve --sock; only one may");
        CheckMetrics(group, registered);
        CheckVerdicts(group, registered);
    }

    private static void CheckMetrics(TraceGroup group, IReadOnlyList<TraceGroup> registered)
    {
        var names = group.Metrics?.Declared.Select(m => m.Name).ToList() ?? [];
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(n => n.Count() > 1) is { } twice)
            throw new PluginException($"trace group '{group.Name}' declares the metric '{twice.Key}' twice");
        foreach (var other in registered)
        {
            if (other.Metrics?.Declared.FirstOrDefault(m => names.Contains(m.Name, StringComparer.Ordinal)) is { } clash)
                throw new PluginException($"trace groups '{other.Name}' and '{group.Name}' both declare the metric '{clash.Name}'");
        }
    }

    private static void CheckVerdicts(TraceGroup group, IReadOnlyList<TraceGroup> registered)
    {
        // Keys as strings, not (trace, verdict) tuples: a set of value tuples is code the ReadyToRun image lacks.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in registered)
        {
            foreach (var verdict in other.ReturnVerdicts)
                seen.Add(Key(verdict));
        }
        foreach (var verdict in group.ReturnVerdicts)
        {
            if (!seen.Add(Key(verdict)))
                throw new PluginException($"trace group '{group.Name}' declares verdict '{verdict.Verdict}' of {verdict.Trace}, which is already declared");
        }
    }

    private static string Key(ReturnVerdict verdict) => verdict.Trace + "\0" + verdict.Verdict;

    private static string Modes(ServedModes serves) =>
        string.Join(" and ", new[] { serves.Drop ? "--drop" : null, serves.Sock ? "--sock" : null, serves.Monitor is not null ? "--monitor" : null }.OfType<string>());
}
