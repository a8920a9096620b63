using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Sock;

/// <summary>
/// --sock on this kernel: without kprobes it runs on the sock and tcp tracepoints (state changes, tcp_probe
/// with srtt/rtt, resets with their reason, destruction). Traffic runs between two namespaces.
/// </summary>
public sealed class SockModeTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private static string Line(string trace, string tuple, string rest = "") =>
        $@"^\[\d+\.\d{{6}}\] \[{trace}\s*\] TCP: {tuple} [A-Z_0-9]+ CA_\w+ info:\(\d+ \d+\) mem:\(w\d+ r\d+\)(?: timer:\(\w+, -?\d+\.\d{{3}}s\))?{rest}";

    [RootFact]
    public void Sock_Exchange_ShowsListenConnectEstablishedCloseAndRtt()
    {
        using var net = new NetnsPair();
        const int port = 15011;
        using var nettrace = NettraceProcess.StartTracing("--sock", "-p", "tcp", "--port", port.ToString());

        net.In(net.Server, $"timeout 10 socat -u TCP-LISTEN:{port},reuseaddr OPEN:/dev/null >/dev/null 2>&1 &", check: false);
        Thread.Sleep(300);
        net.In(net.Client, $"head -c 20000 /dev/zero | timeout 5 socat -u - TCP:{net.ServerIp}:{port}", check: false);

        string client = $@"{Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{port}";
        string server = $@"{Pattern.Esc(net.ServerIp)}:{port} -> {Pattern.Esc(net.ClientIp)}:\d+";
        Assert.True(nettrace.WaitForLine(Line("(inet_sock_set_state|tcp_destroy_sock|tcp_close)", $@"(0\.0\.0\.0:{port} -> 0\.0\.0\.0:0)"), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("inet_sock_set_state", client, @" \*SYN_SENT -> ESTABLISHED\*"), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("inet_sock_set_state", server, @" \*SYN_RECV -> ESTABLISHED\*"), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("inet_sock_set_state", client, @" \*ESTABLISHED -> FIN_WAIT1\*"), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("(tcp_probe|tcp_ack_update_rtt)", $"({client}|{server})", @" \*srtt:\d+ms, rtt:\d+ms\*"), EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("tcp_destroy_sock", $@"{Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{port}"), EventTimeout), nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        // The filter is applied to the socket's tuple: nothing about other ports.
        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains("TCP:", StringComparison.Ordinal) && !l.Contains($":{port}", StringComparison.Ordinal));
    }

    [RootFact]
    public void Sock_ClosedPort_ResetReportedWithItsReason()
    {
        using var net = new NetnsPair();
        const int port = 15012;
        using var nettrace = NettraceProcess.StartTracing("--sock", "--port", port.ToString());

        net.Connect(net.ServerIp, port);

        // The reset answers a packet no socket owns: the tuple is the SYN's, reversed.
        string reset = Line("tcp_send_reset", $@"{Pattern.Esc(net.ServerIp)}:{port} -> {Pattern.Esc(net.ClientIp)}:\d+");
        Assert.True(nettrace.WaitForLine(reset, EventTimeout), nettrace.Describe());
        Assert.True(nettrace.WaitForLine(Line("tcp_receive_reset", $@"{Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{port}"), EventTimeout), nettrace.Describe());
        if (Capabilities.KernelHasEnum("sk_rst_reason"))
            Assert.Contains(nettrace.Stdout, l => Regex.IsMatch(l, reset + @" \*reset reason: NO_SOCKET\*"));
    }

    [RootFact]
    public void Sock_TcpRtt_KeepsOnlyTheDelayedFlow()
    {
        using var net = new NetnsPair();
        const int slow = 15013, fast = 15014;
        // This host has no netem; a 1 Mbit/s token bucket on the client's side queues a bulk send for hundreds of
        // milliseconds, which is the RTT its ACKs measure. The other flow stays on the server's loopback.
        net.In(net.Client, "tc qdisc add dev $(ls /sys/class/net | grep -v lo) root tbf rate 1mbit burst 1600 latency 800ms");
        using var nettrace = NettraceProcess.StartTracing("--sock", "-p", "tcp", "--tcp-rtt", "50");

        net.In(net.Server, $"timeout 15 socat -u TCP-LISTEN:{slow},reuseaddr OPEN:/dev/null >/dev/null 2>&1 &", check: false);
        net.In(net.Server, $"timeout 15 socat -u TCP-LISTEN:{fast},reuseaddr OPEN:/dev/null >/dev/null 2>&1 &", check: false);
        Thread.Sleep(300);
        net.In(net.Server, $"head -c 300000 /dev/zero | timeout 5 socat -u - TCP:127.0.0.1:{fast}", check: false);
        net.In(net.Client, $"head -c 300000 /dev/zero | timeout 10 socat -u - TCP:{net.ServerIp}:{slow}", check: false);

        Assert.True(nettrace.WaitForLine($@"TCP: {Pattern.Esc(net.ClientIp)}:\d+ -> {Pattern.Esc(net.ServerIp)}:{slow} .* \*srtt:\d+ms, rtt:([5-9]\d|\d{{3,}})ms\*", EventTimeout),
            nettrace.Describe());
        nettrace.Stop();
        Assert.Equal(0, nettrace.WaitForExitCode(EventTimeout));
        Assert.DoesNotContain(nettrace.Stdout, l => l.Contains($":{fast} ", StringComparison.Ordinal) || l.Contains($":{fast}\n", StringComparison.Ordinal));
        // Every RTT shown is at least 50 ms (the filter runs in the kernel, on the socket's latest sample).
        Assert.All(nettrace.Stdout.Select(l => Regex.Match(l, @" rtt:(\d+)ms\*")).Where(m => m.Success),
            m => Assert.True(int.Parse(m.Groups[1].Value) >= 50, m.Value));
    }

    [RootFact]
    public void Sock_UnknownTrace_OneLineNamingTheKnownOnes()
    {
        using var run = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--sock", "-t", "tcp_nope");

        Assert.NotEqual(0, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nettrace: unknown sock trace 'tcp_nope'; --sock traces: inet_listen, ", error);
    }
}
