using System.Diagnostics;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Moves the kernel's detach work out of the user's way at exit. Releasing a kprobe waits for RCU grace periods
/// under a global lock (74 of them kept 6.1 busy for seconds after "end trace..."), whichever thread closes it. So
/// before the links are disposed, a duplicate of each link's descriptor goes to a child (<c>cat</c>) that holds
/// them until this process has exited (its stdin is a pipe whose only writer is us): our own closes are then
/// cheap, and the kernel detaches when the child ends, after the prompt is back. Nothing can outlive both: the
/// kernel closes a dead process's descriptors whatever killed it.
/// </summary>
public static class DeferredRelease
{
    private const int DupFd = 0; // F_DUPFD: the duplicate has no close-on-exec, so the child inherits it

    /// <summary>Fewer links are released here: starting the child costs more than they wait (tracepoints, a few kprobes).</summary>
    public const int MinToHandOff = 8;

    // The child and our end of its stdin, kept until the process exits: closing it earlier would end the child.
    private static readonly List<Process> Keepers = [];

    /// <summary>
    /// Hands the links to a child that holds them past our exit, then disposes them here (cheaply). Falls back
    /// to releasing them side by side (<see cref="ParallelRelease"/>) when no child can be started.
    /// </summary>
    /// <param name="links">Every link of one tracer or group, disposed when this returns.</param>
    /// <param name="why">Told why the hand-off did not happen (-v).</param>
    public static void DisposeAll(IReadOnlyList<BpfLink> links, Action<string>? why = null)
    {
        if (links.Count >= MinToHandOff && !HandOff(links, why))
            why?.Invoke("links released here, side by side");
        ParallelRelease.DisposeAll(links);
    }

    private static bool HandOff(IReadOnlyList<BpfLink> links, Action<string>? why)
    {
        var copies = new List<int>(links.Count);
        try
        {
            foreach (var link in links)
            {
                int fd = link.Fd;
                if (fd >= 0 && LibC.fcntl(fd, DupFd, 3) is int copy and >= 0)
                    copies.Add(copy);
            }
            if (copies.Count == 0)
                return false;
            var start = new ProcessStartInfo("cat")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true, // not our stdout: a reader of nettrace's pipe must see its end now
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var child = Process.Start(start);
            if (child is null)
                return false;
            lock (Keepers)
                Keepers.Add(child);
            return true;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            why?.Invoke($"could not start the child that releases the links after exit: {e.Message}");
            return false;
        }
        finally
        {
            foreach (int copy in copies)
                LibC.close(copy);
        }
    }
}
