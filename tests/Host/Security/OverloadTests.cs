using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Security;

/// <summary>A flood faster than user space can print: nettrace survives, and what the kernel could not hand over is counted per CPU.</summary>
public sealed class OverloadTests
{
    [RootFact]
    public void PingFlood_SurvivesAndCountsLostRecordsPerCpu()
    {
        string output = Path.Combine(Path.GetTempPath(), $"nt-flood-{Environment.ProcessId}.txt");
        try
        {
            using var net = new NetnsPair();
            using var nettrace = NettraceProcess.StartTracingAfter(output, "-p", "icmp", "--saddr", net.ClientIp, "-v");

            net.In(net.Client, $"timeout -s INT 4 ping -q -f {net.ServerIp}", check: false);
            nettrace.Stop("INT");

            Assert.Equal(0, nettrace.ExitCode);
            var summary = Regex.Match(nettrace.Stderr, @"nettrace: (\d+) events, (\d+) packets, (\d+) lost(?: \((cpu\d+: \d+(?:, )?)+\))?");
            Assert.True(summary.Success, nettrace.Stderr);
            Assert.True(long.Parse(summary.Groups[1].Value) > 1000, nettrace.Stderr);
            if (long.Parse(summary.Groups[3].Value) > 0)
            {
                Assert.Contains("(cpu", summary.Value);
                Assert.Matches(@"lost \d+ records in the last second; so far \d+ lost \(cpu\d+", nettrace.Stderr);
            }
            Assert.Contains("***************** ", File.ReadAllText(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
