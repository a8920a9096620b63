namespace NetTrace.Tests.Unit.Architecture;

/// <summary>Loops in a dependency graph: one per strongly connected set of nodes, as a path that returns to its start.</summary>
internal static class DependencyLoops
{
    public static List<List<string>> Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order().ToList());
        var loops = new List<List<string>>();
        var inLoop = new HashSet<string>();
        foreach (string start in next.Keys.Order())
        {
            if (inLoop.Contains(start) || PathBack(start, start, next, []) is not { } path)
                continue;
            path.Insert(0, start);
            inLoop.UnionWith(path);
            loops.Add(path);
        }
        return loops;
    }

    /// <summary>A path from <paramref name="at"/> back to <paramref name="start"/> (depth first), or null.</summary>
    private static List<string>? PathBack(string at, string start, Dictionary<string, List<string>> next, HashSet<string> seen)
    {
        foreach (string to in next.GetValueOrDefault(at) ?? [])
        {
            if (to == start)
                return [to];
            if (!seen.Add(to))
                continue;
            if (PathBack(to, start, next, seen) is { } rest)
            {
                rest.Insert(0, to);
                return rest;
            }
        }
        return null;
    }
}
