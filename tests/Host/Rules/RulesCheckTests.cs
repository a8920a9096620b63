using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Rules;

/// <summary>`nettrace rules check` with the installed plugins (no BPF; run here because it needs the real bundle layout).</summary>
public sealed class RulesCheckTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Check_ShippedRules_NoErrors()
    {
        using var run = NettraceProcess.RunToExit(Limit, "rules", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^rules check: \d+ files, no errors$", run.Stdout[^1]);
    }

    [Fact]
    public void Check_BrokenFile_EveryErrorWithItsPositionAndExit1()
    {
        string file = Path.Combine(Path.GetTempPath(), $"nt-bad-{Environment.ProcessId}.rules");
        File.WriteAllText(file, "rule x on ip_rcv when skb.len > 3\n  error \"bad\"\nrule nat on nf_nat_manip_pkt\n  warn \"again\"\n");
        try
        {
            using var run = NettraceProcess.RunToExit(Limit, "rules", "check", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{file}:1:23: error NTR0003: unknown field 'skb.len'", run.Stdout);
            Assert.Contains(run.Stdout, l => l.StartsWith($"{file}:3:6: error NTR0002: rule 'nat' is already defined", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Check_MissingFile_OneLineAndExit2()
    {
        using var run = NettraceProcess.RunToExit(Limit, "rules", "check", "/nonexistent.rules");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("nettrace: no such rules file '/nonexistent.rules'", run.Stderr.Trim());
    }
}
