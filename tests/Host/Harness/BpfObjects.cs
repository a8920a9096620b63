using System.Text.Json;

namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// What nettrace could leave in the kernel, read with bpftool and the filesystem: its programs (named "nt_*"),
/// the links that hold them, every pinned object under /sys/fs/bpf and every kprobe event in tracefs.
/// </summary>
public static class BpfObjects
{
    /// <summary>One string per object: "prog ID:NAME", "link ID", "pin PATH", "kprobe LINE".</summary>
    public static IReadOnlySet<string> Nettrace()
    {
        var objects = new HashSet<string>();
        var programIds = new HashSet<long>();
        using (var programs = JsonDocument.Parse(Shell.Run("bpftool -j prog show")))
        {
            foreach (var p in programs.RootElement.EnumerateArray())
            {
                if (!p.TryGetProperty("name", out var name) || !name.GetString()!.StartsWith("nt_", StringComparison.Ordinal))
                    continue;
                long id = p.GetProperty("id").GetInt64();
                programIds.Add(id);
                objects.Add($"prog {id}:{name.GetString()}");
            }
        }
        using (var links = JsonDocument.Parse(Shell.Run("bpftool -j link show")))
        {
            foreach (var l in links.RootElement.EnumerateArray())
            {
                if (l.TryGetProperty("prog_id", out var prog) && programIds.Contains(prog.GetInt64()))
                    objects.Add($"link {l.GetProperty("id").GetInt64()}");
            }
        }
        if (Directory.Exists("/sys/fs/bpf"))
            objects.UnionWith(Directory.EnumerateFileSystemEntries("/sys/fs/bpf", "*", SearchOption.AllDirectories).Select(p => "pin " + p));
        foreach (string events in new[] { "/sys/kernel/tracing/kprobe_events", "/sys/kernel/debug/tracing/kprobe_events" })
        {
            if (File.Exists(events))
                objects.UnionWith(File.ReadAllLines(events).Select(l => "kprobe " + l));
        }
        return objects;
    }

    /// <summary>
    /// Polls until none of <paramref name="objects"/> is left or the time is up; returns those still there.
    /// (The kernel frees a released program after an RCU grace period.)
    /// </summary>
    public static IReadOnlySet<string> WaitUntilGone(IReadOnlySet<string> objects, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var left = Nettrace().Intersect(objects).ToHashSet();
        while (left.Count > 0 && clock.Elapsed < limit)
        {
            Thread.Sleep(100);
            left = Nettrace().Intersect(objects).ToHashSet();
        }
        return left;
    }
}
