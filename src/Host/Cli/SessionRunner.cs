using System.Runtime.InteropServices;
using NetTrace.Abstractions.Errors;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli;

/// <summary>
/// Runs a session with Ctrl-C and SIGTERM turned into a clean stop, and every failure turned
/// into one "nettrace: ..." line and an exit code — never a stack trace (unless --debug).
/// </summary>
internal static class SessionRunner
{
    public const int ExitRuntimeError = NetTraceException.RuntimeError;
    public const int ExitUsage = NetTraceException.Usage;

    public static Task<int> RunAsync(SessionOptions options, StartupPrefetch prefetch, CancellationToken cancel) =>
        RunGuardedAsync(options, cancel, token => TraceSession.RunAsync(options, prefetch, token));

    /// <summary>Runs any command of nettrace's with the same signal handling and one-line failures as a session.</summary>
    public static async Task<int> RunGuardedAsync(SessionOptions options, CancellationToken cancel, Func<CancellationToken, Task<int>> body)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we exit on our own, after releasing the BPF objects
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        // A closed terminal (SIGHUP) is a stop too: release every BPF object, print the summary.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            return await body(stop.Token);
        }
        catch (NetTraceException e)
        {
            return Fail(e, e.ExitCode, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or DllNotFoundException)
        {
            return Fail(e, ExitRuntimeError, options);
        }
    }

    /// <summary>The one line a failure is reported as.</summary>
    public static string Describe(Exception e) => e is DllNotFoundException
        ? "cannot load libbpf.so.1: install Debian's libbpf1 (apt-get install libbpf1) or run the published bundle"
        : e.Message;

    private static int Fail(Exception e, int code, SessionOptions options)
    {
        Console.Out.Flush();
        Console.Error.WriteLine("nettrace: " + Describe(e));
        if (options.Verbosity >= LogLevel.Debug)
            Console.Error.WriteLine(e);
        return code;
    }
}
