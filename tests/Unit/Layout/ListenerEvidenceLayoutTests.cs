using NetTrace.Abstractions.Events;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>The tcp plugin's listener evidence (struct nt_listen_evidence in an extra's payload) against its object's BTF.</summary>
public sealed class ListenerEvidenceLayoutTests
{
    [Fact]
    public void Layout_ListenerEvidence_MatchesBtf()
    {
        using var obj = MirrorLayout.Open(typeof(TcpPlugin).Assembly, "tcp.bpf.o", "tcp");
        var btf = obj.Btf.Struct("nt_listen_evidence")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);

        Assert.Equal(ListenerEvidence.AcceptQueueOffset, members["accept_queue"].Offset);
        Assert.Equal(ListenerEvidence.AcceptBacklogOffset, members["accept_backlog"].Offset);
        Assert.Equal(ListenerEvidence.SynQueueOffset, members["syn_queue"].Offset);
        Assert.True(btf.Size <= SkbExtraRecord.Size - 8, "the evidence must fit in the extra's payload");
    }
}
