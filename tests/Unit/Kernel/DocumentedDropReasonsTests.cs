using NetTrace.Host.Kernel;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Kernel;

/// <summary>The probe's drop_reason line: how many reasons the kernel names, and which of them dropreason(7) lacks.</summary>
public sealed class DocumentedDropReasonsTests
{
    private static readonly DocumentedDropReasons Page = new(["SKB_NOT_DROPPED_YET", "SKB_CONSUMED", "NOT_SPECIFIED", "NO_SOCKET", "MAX"]);

    [Fact]
    public void Describe_EveryReasonDocumented_GivesTheCountOnly()
    {
        var kernel = Kernel("SKB_NOT_DROPPED_YET", "SKB_CONSUMED", "NOT_SPECIFIED", "NO_SOCKET", "MAX");

        Assert.Equal("5 reasons", Page.Describe(kernel));
        Assert.Equal("drop_reason: yes (5 reasons)", new ProbeFinding("drop_reason", true, Page.Describe(kernel)).ToString());
    }

    [Fact]
    public void Describe_ReasonsThePageLacks_NamesThemInTheKernelsOrder()
    {
        var kernel = Kernel("SKB_NOT_DROPPED_YET", "SKB_CONSUMED", "NOT_SPECIFIED", "SKB_RX_HEADROOM", "NO_SOCKET", "IPV6_TOO_MANY_EXTHDRS", "MAX");

        Assert.Equal(new[] { "SKB_RX_HEADROOM", "IPV6_TOO_MANY_EXTHDRS" }, Page.Missing(kernel));
        Assert.Equal("drop_reason: yes (7 reasons; 2 not in dropreason(7): SKB_RX_HEADROOM, IPV6_TOO_MANY_EXTHDRS)",
            new ProbeFinding("drop_reason", true, Page.Describe(kernel)).ToString());
    }

    [Fact]
    public void Missing_TracepointSpelling_MatchesTheSkbPrefixedEntries()
    {
        // Without BTF the kfree_skb tracepoint names the two values that are no drops without their SKB_ prefix.
        var kernel = Kernel("NOT_DROPPED_YET", "CONSUMED", "NOT_SPECIFIED", "MAX");

        Assert.Empty(Page.Missing(kernel));
    }

    [Fact]
    public void Embedded_BuiltLists_AreTheRecordedUnion()
    {
        var recorded = RecordedDropReasons.Union("reason");

        Assert.Equal(recorded.Order(StringComparer.Ordinal), DocumentedDropReasons.Embedded.Names.Order(StringComparer.Ordinal));
        Assert.Contains("IPV6_TOO_MANY_EXTHDRS", DocumentedDropReasons.Embedded.Names);
    }

    [Fact]
    public void ReasonsOf_RecordedList_ReadsReasonLinesOnly()
    {
        var list = new StringReader("# Drop reasons of Linux 9.9\nreason NOT_SPECIFIED\nreason NO_SOCKET\nsubsys OPENVSWITCH\n\n");

        Assert.Equal(new[] { "NOT_SPECIFIED", "NO_SOCKET" }, DocumentedDropReasons.ReasonsOf(list));
    }

    /// <summary>A kernel whose enum skb_drop_reason holds these names, numbered in order from 0.</summary>
    private static DropReasons Kernel(params string[] names) =>
        new(names.Select((name, i) => (name, i)).ToDictionary(e => (uint)e.i, e => e.name), []);
}
