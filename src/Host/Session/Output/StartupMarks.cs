using System.Collections.Concurrent;

namespace NetTrace.Host.Session.Output;

/// <summary>
/// Start-up steps taken before the session has a <see cref="Log"/> (Main, the command line, the prefetch's tasks),
/// kept when the raw arguments ask for -v or --debug and printed with the first milestone. Under emulation most of
/// a light mode's start goes before "session starts", so those steps need their own times.
/// </summary>
internal static class StartupMarks
{
    private static ConcurrentQueue<Mark>? s_marks;
    private static DateTime s_processStart;

    private static int s_mainThread;

    /// <param name="OtherThread">Taken on another thread than Main's (a prefetch task): its CPU ran beside Main's.</param>
    public readonly record struct Mark(string Step, double Ms, double CpuMs, long Jitted, bool OtherThread);

    /// <summary>Keeps marks from now on when <paramref name="args"/> hold -v or --debug (the parser has not run yet).</summary>
    public static void EnableFor(string[] args)
    {
        if (!args.Any(a => a is "-v" or "--debug"))
            return;
        s_processStart = System.Diagnostics.Process.GetCurrentProcess().StartTime;
        s_mainThread = Environment.CurrentManagedThreadId;
        s_marks = new ConcurrentQueue<Mark>();
        Add("Main entered");
    }

    /// <summary>Whether marks are kept (-v or --debug): callers skip work that only a mark would need.</summary>
    public static bool Enabled => s_marks is not null;

    /// <summary>Stops keeping marks and forgets those not printed (tests).</summary>
    internal static void Disable() => s_marks = null;

    /// <summary>Notes a step, with the time since the process started, the CPU used so far and the methods jitted.</summary>
    public static void Add(string step)
    {
        if (s_marks is null)
            return;
        s_marks.Enqueue(new Mark(step, SinceStart(), Environment.CpuUsage.TotalTime.TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(), Environment.CurrentManagedThreadId != s_mainThread));
    }

    public static double SinceStart() => (DateTime.Now - (s_marks is null ? System.Diagnostics.Process.GetCurrentProcess().StartTime : s_processStart)).TotalMilliseconds;

    /// <summary>One step's line: the time since the process started, and under --debug the CPU time and methods jitted.</summary>
    public static string Line(string step, double ms, double cpuMs, long jitted, bool debug) =>
        debug ? $"startup +{ms:F0} ms (cpu {cpuMs:F0} ms, {jitted} methods jitted): {step}" : $"startup +{ms:F0} ms: {step}";

    /// <summary>A mark's line; one taken on another thread says so.</summary>
    public static string Line(Mark mark, bool debug) =>
        Line(mark.Step + (mark.OtherThread ? " (beside Main)" : ""), mark.Ms, mark.CpuMs, mark.Jitted, debug);

    /// <summary>The marks taken so far, oldest first; each is handed out once.</summary>
    public static IReadOnlyList<Mark> Drain()
    {
        var marks = new List<Mark>();
        while (s_marks?.TryDequeue(out var mark) == true)
            marks.Add(mark);
        marks.Sort((a, b) => a.Ms.CompareTo(b.Ms));
        return marks;
    }
}
