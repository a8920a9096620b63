using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Kernel;
using System.Runtime.CompilerServices;
using Xunit;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>The generic skb tracer's record and config against the BTF of the compiled engine object.</summary>
public sealed class EngineLayoutTests
{
    [Fact]
    public void Layout_SkbTraceRecord_MatchesBtfAfterPacketPrefix()
    {
        using var obj = OpenEngineObject();
        var btf = new BtfReader(obj.Btf).Struct("nt_skb_event")!.Value;
        int prefix = btf.Members[0].Size;
        Assert.Equal(Marshal.SizeOf<RecordHeader>() + Marshal.SizeOf<PacketMeta>() + Marshal.SizeOf<PacketCapture>(), prefix);
        var expected = new[]
        {
            ("ret", 0, 8), ("aux0", 8, 8), ("aux1", 16, 8), ("trace", 24, 2), ("flags", 26, 2), ("stack_id", 28, 4),
            ("extra", 32, SkbExtraRecord.Size),
        };
        Assert.Equal(expected, btf.Members.Skip(1).Select(m => (m.Name, m.Offset - prefix, m.Size)));
        Assert.Equal(24, (int)Marshal.OffsetOf<SkbTraceRecord>(nameof(SkbTraceRecord.Trace)));
        Assert.Equal(26, (int)Marshal.OffsetOf<SkbTraceRecord>(nameof(SkbTraceRecord.Flags)));
        Assert.Equal(28, (int)Marshal.OffsetOf<SkbTraceRecord>(nameof(SkbTraceRecord.StackId)));
        // The extra follows the fixed part and is sent only when a plugin filled it.
        Assert.Equal(btf.Size, prefix + Marshal.SizeOf<SkbTraceRecord>() + SkbExtraRecord.Size);
    }

    [Fact]
    public void Layout_SkbExtraRecord_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        var btf = new BtfReader(obj.Btf).Struct("nt_skb_extra")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        Assert.Equal(SkbExtraRecord.Size, btf.Size);
        Assert.Equal(Marshal.SizeOf<SkbExtraRecord>(), btf.Size);
        Assert.Equal(members["kind"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Kind)));
        Assert.Equal(members["pf"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Pf)));
        Assert.Equal(members["hook"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Hook)));
        Assert.Equal(members["nhooks"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.HookCount)));
        Assert.Equal(8, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Bytes)));
    }

    [Fact]
    public void Layout_EngineConfig_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        var btf = new BtfReader(obj.Btf).Struct("nt_engine_cfg")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        Assert.Equal(members["track"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.Track)));
        Assert.Equal(members["pkt_fixed"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.PacketFixed)));
        Assert.Equal(members["slot_cookie"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.SlotCookie)));
        Assert.Equal(EngineConfig.Slots * sizeof(ulong), members["slot_cookie"].Size);
        Assert.Equal(btf.Size, Unsafe.SizeOf<EngineConfig>());
    }

    private static BpfObject OpenEngineObject()
    {
        NativeLibraries.Install();
        using var stream = typeof(SkbTracer).Assembly.GetManifestResourceStream("engine.bpf.o")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return BpfObject.Open(copy.ToArray(), "engine");
    }
}
