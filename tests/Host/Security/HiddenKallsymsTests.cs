using System.Net.Sockets;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Security;

/// <summary>
/// nettrace without CAP_SYSLOG, as a container given only the BPF capabilities runs it: where the kernel then hides
/// /proc/kallsyms' addresses, a drop's location prints as an address and one line says why; where it shows them to
/// everyone, locations are named and nothing is said.
/// </summary>
public sealed class HiddenKallsymsTests
{
    [RootFact]
    public void WithoutSyslogCapability_DropLocation_NamedOrExplained()
    {
        int port = 29000 + Environment.ProcessId % 500;
        bool hidden = ReadInt("/proc/sys/kernel/kptr_restrict") >= 1 || ReadInt("/proc/sys/kernel/perf_event_paranoid") >= 2;
        using var done = new CancellationTokenSource();
        // SYNs to a closed loopback port until nettrace has caught one.
        var traffic = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await client.ConnectAsync("127.0.0.1", port, done.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // refused: the drop we want
                }
                await Task.Delay(200, CancellationToken.None);
            }
        });
        // A private /run/nettrace: the boot's kallsyms snapshot another session left there would name the location.
        using var run = NettraceProcess.RunToExitUnder(TimeSpan.FromSeconds(60),
        [
            "unshare", "--mount", "sh", "-c",
            "mkdir -p /run/nettrace && mount -t tmpfs tmpfs /run/nettrace && exec setpriv --inh-caps=-syslog --bounding-set=-syslog {nettrace} \"$@\"",
            "sh",
        ], "--drop", "-c", "1", "-p", "tcp", "--dport", port.ToString());
        done.Cancel();
        traffic.Wait(TimeSpan.FromSeconds(5));

        const string warning = "nettrace: /proc/kallsyms hides kernel addresses from this process (it lacks CAP_SYSLOG)";
        Assert.True(run.ExitCode == 0, run.Describe());
        string drop = Assert.Single(run.Stdout, l => l.Contains("reason: NO_SOCKET"));
        if (hidden)
        {
            Assert.Matches(@"reason: NO_SOCKET, 0x[0-9a-f]+$", drop);
            Assert.Contains(warning, run.Stderr);
        }
        else
        {
            Assert.Matches(@"reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+$", drop);
            Assert.DoesNotContain(warning, run.Stderr);
        }
    }

    private static int ReadInt(string path) => int.Parse(File.ReadAllText(path).Trim());
}
