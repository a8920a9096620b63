using NetTrace.Abstractions.Events;
using NetTrace.Plugins.Path;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>The path plugin's evidence (struct nt_path_evidence in an extra's payload) against its object's BTF.</summary>
public sealed class PathEvidenceLayoutTests
{
    [Fact]
    public void Layout_PathEvidence_MatchesBtf()
    {
        using var obj = MirrorLayout.Open(typeof(PathPlugin).Assembly, "path.bpf.o", "path");
        var btf = obj.Btf.Struct("nt_path_evidence")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);

        Assert.Equal(PathEvidence.ValueOffset, members["value"].Offset);
        Assert.Equal(PathEvidence.TypeOffset, members["type"].Offset);
        Assert.Equal(PathEvidence.CodeOffset, members["code"].Offset);
        Assert.Equal(PathEvidence.AddressOffset, members["addr"].Offset);
        Assert.Equal(PathEvidence.AddressLength, members["addr"].Size);
        Assert.True(btf.Size <= SkbExtraRecord.Size - 8, "the evidence must fit in the extra's payload");
    }
}
