using System.Text.Json;

namespace NetTrace.Tests.Host.Harness;

/// <summary>The kernel's loaded BPF programs as `bpftool prog show` lists them.</summary>
public static class BpfPrograms
{
    /// <summary>Ids and names of every loaded program whose name starts with "nt_" (nettrace's).</summary>
    public static IReadOnlySet<string> Nettrace()
    {
        string json = Shell.Run("bpftool -j prog show");
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Where(p => p.TryGetProperty("name", out var name) && name.GetString()!.StartsWith("nt_", StringComparison.Ordinal))
            .Select(p => $"{p.GetProperty("id").GetInt64()}:{p.GetProperty("name").GetString()}")
            .ToHashSet();
    }

    /// <summary>Polls until nettrace's programs equal <paramref name="expected"/> or the time is up; returns the last view.</summary>
    public static IReadOnlySet<string> WaitUntil(IReadOnlySet<string> expected, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var now = Nettrace();
        while (!now.SetEquals(expected) && clock.Elapsed < limit)
        {
            Thread.Sleep(100);
            now = Nettrace();
        }
        return now;
    }
}
