using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NetTrace.Tests.Host.Harness;

/// <summary>The real nettrace executable, run as a child process with its output collected.</summary>
public sealed class NettraceProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private NettraceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Stdout => _stdout.ToArray();
    public string Stderr => string.Join('\n', _stderr);
    public int ExitCode => _process.ExitCode;
    public int Pid => _process.Id;

    public static string ExecutablePath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("NETTRACE_BIN") is { Length: > 0 } bin)
                return bin;
            string configuration = typeof(NettraceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "NetTraceConfiguration").Value!;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetTraceFramework.sln")))
                dir = dir.Parent;
            if (dir is null)
                throw new InvalidOperationException("cannot find the repository root from " + AppContext.BaseDirectory);
            return Path.Combine(dir.FullName, "src", "Host", "bin", configuration, "net10.0", "nettrace");
        }
    }

    public static NettraceProcess Start(params string[] args) => StartProcess(ExecutablePath, args);

    /// <summary>Starts nettrace inside a network namespace (`ip netns exec` execs it in place, same pid).</summary>
    public static NettraceProcess StartTracingIn(string netns, params string[] args)
    {
        var nettrace = StartProcess("ip", ["netns", "exec", netns, ExecutablePath, .. args]);
        if (!nettrace.WaitForLine("^begin trace\\.\\.\\.$", StartTimeout))
        {
            nettrace.Dispose();
            throw new InvalidOperationException($"nettrace in {netns} did not begin tracing:\n{nettrace.Describe()}");
        }
        return nettrace;
    }

    private static NettraceProcess StartProcess(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new NettraceProcess(Process.Start(psi)!);
    }

    /// <summary>Starts nettrace and waits until it says "begin trace...".</summary>
    public static NettraceProcess StartTracing(params string[] args)
    {
        var nettrace = Start(args);
        if (!nettrace.WaitForLine("^begin trace\\.\\.\\.$", StartTimeout))
        {
            nettrace.Dispose();
            throw new InvalidOperationException($"nettrace {string.Join(' ', args)} did not begin tracing:\n{nettrace.Describe()}");
        }
        return nettrace;
    }

    /// <summary>Starts nettrace under --json, which says "begin trace..." on stderr, and waits until it is tracing.</summary>
    public static NettraceProcess StartTracingJson(params string[] args)
    {
        var nettrace = Start(args);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!nettrace.Stderr.Contains("begin trace...", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                nettrace.Dispose();
                throw new InvalidOperationException($"nettrace {string.Join(' ', args)} did not begin tracing:\n{nettrace.Describe()}");
            }
            Thread.Sleep(50);
        }
        return nettrace;
    }

    /// <summary>Starts nettrace with its output in <paramref name="output"/> (--output) and waits until it is tracing.</summary>
    public static NettraceProcess StartTracingAfter(string output, params string[] args)
    {
        var nettrace = Start(["--output", output, .. args]);
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(output) && File.ReadAllText(output).Contains("begin trace...", StringComparison.Ordinal)))
        {
            if (deadline.Elapsed > StartTimeout || nettrace._process.HasExited)
            {
                nettrace.Dispose();
                throw new InvalidOperationException($"nettrace {string.Join(' ', args)} did not begin tracing:\n{nettrace.Describe()}");
            }
            Thread.Sleep(50);
        }
        return nettrace;
    }

    /// <summary>Runs nettrace to completion (for commands that end by themselves).</summary>
    public static NettraceProcess RunToExit(TimeSpan timeout, params string[] args) => WaitForExit(Start(args), timeout, args);

    /// <summary>
    /// Runs nettrace to completion through a launcher command (e.g. setpriv, unshare); the launcher's
    /// own arguments end with "{nettrace}", which is replaced by the executable's path.
    /// </summary>
    public static NettraceProcess RunToExitUnder(TimeSpan timeout, string[] launcher, params string[] args) =>
        WaitForExit(StartProcess(launcher[0], [.. launcher[1..].Select(a => a.Replace("{nettrace}", ExecutablePath, StringComparison.Ordinal)), .. args]), timeout, args);

    private static NettraceProcess WaitForExit(NettraceProcess nettrace, TimeSpan timeout, string[] args)
    {
        if (!nettrace._process.WaitForExit(timeout))
        {
            nettrace.Dispose();
            throw new TimeoutException($"nettrace {string.Join(' ', args)} did not exit");
        }
        nettrace._process.WaitForExit(); // drain the output readers
        return nettrace;
    }

    public bool WaitForLine(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_stdout.Any(regex.IsMatch))
                return true;
            if (_process.HasExited)
            {
                _process.WaitForExit();
                return _stdout.Any(regex.IsMatch);
            }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Sends a signal (SIGINT by default) and waits for nettrace to exit on its own.</summary>
    public void Stop(string signal = "INT")
    {
        if (!_process.HasExited)
            Shell.Run($"kill -{signal} {_process.Id}", check: false);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"nettrace did not exit after SIG{signal}:\n{Describe()}");
        _process.WaitForExit();
    }

    /// <summary>Waits for nettrace to exit by itself; returns its exit code, or -1 on timeout.</summary>
    public int WaitForExitCode(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            return -1;
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Describe() => $"stdout:\n{string.Join('\n', Stdout)}\nstderr:\n{Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
