using System.Diagnostics;

namespace NetTrace.Tests.Host.Harness;

/// <summary>Runs setup commands (ip, iptables, nft) and fails the test with their output.</summary>
public static class Shell
{
    public static string Run(string command, bool check = true)
    {
        var psi = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(true);
            throw new TimeoutException($"command timed out: {command}");
        }
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"command failed ({process.ExitCode}): {command}\n{stdout.Result}{stderr.Result}");
        return stdout.Result + stderr.Result;
    }
}
