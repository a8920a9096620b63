namespace NetTrace.Rules.Model;

/// <summary>Finds the known name a typo most likely meant ("reson" → "reason").</summary>
public static class NameSuggestion
{
    /// <summary>" (did you mean 'x'?)" for the closest name within two edits, otherwise "".</summary>
    public static string DidYouMean(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in known.OrderBy(k => k, StringComparer.Ordinal))
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is null ? "" : $" (did you mean '{best}'?)";
    }

    // Levenshtein distance, two rows; names are short.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
