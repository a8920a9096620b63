using System.Text.RegularExpressions;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// `nettrace probe` counts the running kernel's drop reasons and names those dropreason(7) lacks: exactly the
/// kernel's names that no kernel recorded under docs/man/dropreason.d/kernels has. Holds on any kernel (on one
/// the page covers, the list is empty).
/// </summary>
public sealed partial class ProbeDropReasonTests
{
    [RootFact]
    public void Probe_RunningKernel_NamesExactlyTheReasonsNoRecordedKernelHas()
    {
        using var btf = KernelBtf.TryLoad(out _);
        var reasons = DropReasons.Load(btf?.Reader);
        var recorded = RecordedDropReasons.Union("reason").ToHashSet(StringComparer.Ordinal);
        // Without BTF the tracepoint spells SKB_NOT_DROPPED_YET and SKB_CONSUMED without SKB_.
        var expected = reasons.Names.Where(n => !recorded.Contains(n) && !recorded.Contains("SKB_" + n)).ToList();

        using var probe = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "probe");

        Assert.Equal(0, probe.ExitCode);
        string line = Assert.Single(probe.Stdout, l => l.StartsWith("drop_reason: ", StringComparison.Ordinal));
        if (!reasons.Available)
        {
            Assert.StartsWith("drop_reason: no (", line);
            return;
        }
        var match = DropReasonLine().Match(line);
        Assert.True(match.Success, "unexpected probe line: " + line);
        Assert.Equal(reasons.Count, int.Parse(match.Groups["count"].Value));
        var listed = match.Groups["names"].Success ? match.Groups["names"].Value.Split(", ") : [];
        Assert.Equal(expected, listed);
        if (listed.Length > 0)
            Assert.Equal(listed.Length, int.Parse(match.Groups["missing"].Value));
    }

    [GeneratedRegex(@"^drop_reason: yes \((?<count>\d+) reasons(; (?<missing>\d+) not in dropreason\(7\): (?<names>[A-Z0-9_, ]+))?\)$")]
    private static partial Regex DropReasonLine();
}
