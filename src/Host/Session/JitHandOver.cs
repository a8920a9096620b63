using System.ComponentModel;
using NetTrace.Bpf;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Session;

/// <summary>
/// The native executable's way on when a session needs the JIT (ADR 8): the same command line, environment and
/// process id continue in nettrace-clr, the JIT build installed beside it, which starts the session from the
/// beginning. Nothing was loaded into the kernel yet, and nothing was printed but --debug's marks.
/// </summary>
internal static class JitHandOver
{
    public const string JitExecutable = "nettrace-clr";

    /// <summary>Replaces this process with nettrace-clr; returns (exit code 1) only when that cannot start.</summary>
    public static int Continue(string[] args, JitRequiredException needed, TextWriter stderr)
    {
        string jit = Path.Combine(AppContext.BaseDirectory, JitExecutable);
        StartupMarks.Add($"{needed.What}: needs the JIT, continuing in {JitExecutable}");
        bool debug = args.Contains("--debug");
        foreach (var mark in StartupMarks.Drain())
            stderr.WriteLine(StartupMarks.Line(mark, debug));
        stderr.Flush();
        int errno = ProcessImage.Replace(jit, [Environment.GetCommandLineArgs()[0], .. args]);
        stderr.WriteLine($"nettrace: {needed.Message}, which could not be started: {new Win32Exception(errno).Message}");
        return 1;
    }
}
