using System.Text.RegularExpressions;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Docs;

/// <summary>
/// docs/man/dropreason.7 explains every drop reason of the running kernel: each name of its BTF enum
/// skb_drop_reason, as nettrace prints it, heads a .TP (or .TQ) entry of the page.
/// </summary>
public sealed partial class DropReasonManPageTests
{
    private const string SubsysPrefix = "SKB_DROP_REASON_SUBSYS_";

    [RootFact]
    public void DropReasonPage_RunningKernel_EveryReasonHasAnEntry()
    {
        using var btf = KernelBtf.TryLoad(out string? failure)
            ?? throw new InvalidOperationException("kernel BTF: " + failure);
        var values = btf.Reader.Enum("skb_drop_reason")
            ?? throw new InvalidOperationException("the kernel's BTF has no enum skb_drop_reason");
        // Named the way nettrace names them (prefix stripped, the first name of a value wins); the subsystem
        // mask is no reason, and subsystem reasons have their own lists.
        var reasons = DropReasons.Load(btf.Reader);
        var names = values
            .Where(v => !v.Name.StartsWith(SubsysPrefix, StringComparison.Ordinal))
            .Select(v => reasons.Name((uint)v.Value))
            .Distinct()
            .ToArray();
        Assert.True(names.Length > 10, $"only {names.Length} drop reasons read from BTF");

        var entries = RoffPage.TagLines(RoffPage.Read("docs/man/dropreason.7"))
            .SelectMany(tag => ReasonName().Matches(tag).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !entries.Contains(n)).ToArray();

        if (missing.Length > 0)
        {
            Assert.Fail($"docs/man/dropreason.7 has no .TP entry for {missing.Length} of this kernel's {names.Length} drop reasons: "
                + string.Join(", ", missing));
        }
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9_]*\b")]
    private static partial Regex ReasonName();
}
