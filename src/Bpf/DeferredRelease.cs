using System.Diagnostics;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Takes the kernel's detach work out of the user's way at exit. Releasing a kprobe waits for grace periods under
/// a global mutex (74 of them kept 6.1 busy for seconds after "end trace..."), whichever thread closes it, and a
/// trampoline or kprobe.multi link waits for RCU tasks. So before the links are disposed, each link's descriptor is
/// inherited by a child (<c>cat</c>) that holds them until this process has exited (its stdin is a pipe whose only
/// writer is us): our own closes are then cheap (a perf kprobe is disabled by them at once), and
/// the kernel detaches when the child ends, after the prompt is back. Nothing outlives both: the kernel closes a
/// dead process's descriptors whatever killed it, and the child ends with our pipe.
/// </summary>
public static class DeferredRelease
{
    private const int SetFdFlags = 2; // F_SETFD: flags 0 clears close-on-exec, so the child inherits the descriptor

    /// <summary>
    /// <c>NETTRACE_RELEASE=wait</c>: every link is released before nettrace exits, as a script that checks the
    /// kernel right after may want (and as the exit benchmark's "before" does).
    /// </summary>
    public static bool WaitInProcess { get; } = Environment.GetEnvironmentVariable("NETTRACE_RELEASE") == "wait";

    // The children and our ends of their stdin, kept until the process exits: closing one earlier ends its child.
    private static readonly List<Process> Keepers = [];

    /// <summary>
    /// Disposes every link: handed to a child first when one of them is slow to release, else (or when no child
    /// can be started) released here side by side (<see cref="ParallelRelease"/>).
    /// </summary>
    /// <param name="links">Every link of one tracer or group, disposed when this returns.</param>
    /// <param name="why">Told why links were released here although they are slow to (-v).</param>
    public static void DisposeAll(IReadOnlyList<BpfLink> links, Action<string>? why = null)
    {
        if (!WaitInProcess && links.Any(l => l.SlowToRelease))
            HandOff(links, why);
        ParallelRelease.DisposeAll(links);
    }

    private static void HandOff(IReadOnlyList<BpfLink> links, Action<string>? why)
    {
        // The descriptors themselves, not duplicates: `-t kernel` on single kprobes holds thousands, and a duplicate
        // each would outgrow the open-file limit. Disposed right after, they are inherited by this child only.
        int inherited = 0;
        foreach (var link in links)
        {
            if (link.Fd >= 0 && LibC.fcntl(link.Fd, SetFdFlags, 0) == 0)
                inherited++;
        }
        if (inherited == 0)
            return;
        try
        {
            var start = new ProcessStartInfo("cat")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true, // not our stdout: whoever reads nettrace's output must see its end now
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Process.Start(start) is not { } child)
            {
                why?.Invoke("links released here: the child that releases them after exit did not start");
                return;
            }
            lock (Keepers)
                Keepers.Add(child);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            why?.Invoke($"links released here: the child that releases them after exit did not start ({e.Message})");
        }
    }
}
