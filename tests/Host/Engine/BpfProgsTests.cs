using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Engine;

/// <summary>
/// --bpf-progs on the real kernel: a tc program the test loads (tests/Vm/tc_drop_icmp.bpf.c, ICMP dropped at a veth's
/// ingress) is found among the loaded programs by its id. Where the kernel has BPF trampolines its drop shows as the
/// program's verdict; where it refuses fexit (this project's host kernel) one line says so, and tracing goes on.
/// </summary>
public sealed class BpfProgsTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void ALoadedTcProgram_IsWatched_OrTheRefusalIsOneLine()
    {
        using var net = new NetnsPair();
        string serverDevice = "vs" + net.ClientDevice[2..];
        string dir = Directory.CreateTempSubdirectory("nt-bpf-progs").FullName;
        try
        {
            string obj = Path.Combine(dir, "tc_drop_icmp.o");
            Shell.Run($"clang-19 -target bpf -O2 -g -c {RoffPage.PathOf("tests/Vm/tc_drop_icmp.bpf.c")} -o {obj}");
            net.In(net.Server, $"tc qdisc add dev {serverDevice} clsact && tc filter add dev {serverDevice} ingress bpf da obj {obj} sec tc");
            string filters = net.In(net.Server, $"tc filter show dev {serverDevice} ingress");
            string id = Regex.Match(filters, @" id (\d+) name tc_drop_icmp ").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(id), filters);

            using var nettrace = NettraceProcess.StartTracing("--bpf-progs", "-p", "icmp", "--saddr", net.ClientIp);
            net.In(net.Client, $"ping -c 1 -W 1 {net.ServerIp}", check: false);
            bool shot = nettrace.WaitForLine($@"^\[\d+\.\d{{6}}\] \[tc-ingress:tc_drop_icmp(#{id})? *\] ICMP: {Pattern.Esc(net.ClientIp)} -> .* \*verdict TC_ACT_SHOT\*$", EventTimeout);
            nettrace.Stop();

            string[] said = [.. nettrace.Stderr.Split('\n').Where(l => l.StartsWith("nettrace: --bpf-progs:", StringComparison.Ordinal))];
            string line = Assert.Single(said);
            Assert.Contains($"tc tc_drop_icmp id {id}", line);
            if (line.Contains("refused", StringComparison.Ordinal))
            {
                Assert.Contains("needs BPF trampolines", line);
                Assert.False(shot);
                Assert.Contains("begin trace...", nettrace.Stdout);
            }
            else
            {
                Assert.True(shot, nettrace.Describe());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
