using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Config;
using NetTrace.Plugins.Drop;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// The C records (bpf/include, plugins/*/bpf) and their C# mirrors can never drift: every field's
/// offset and size is compared with the BTF clang wrote into the compiled BPF object.
/// </summary>
public sealed class EventLayoutTests
{
    public static TheoryData<string, Type> Mirrors => new()
    {
        { "nt_record_hdr", typeof(RecordHeader) },
        { "nt_pkt_meta", typeof(PacketMeta) },
        { "nt_pkt", typeof(PacketCapture) },
        { "nt_filter", typeof(NtFilter) },
        { "nt_config", typeof(NtConfig) },
    };

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Layout_CommonRecord_MatchesBtf(string cStruct, Type mirror) => AssertSameLayout(cStruct, mirror, 0);

    [Fact]
    public void Layout_DropRecord_MatchesBtfAfterPacketPrefix()
    {
        using var obj = OpenDropObject();
        var btf = obj.Btf.Struct("nt_drop_event")!.Value;
        var prefix = btf.Members[0];
        Assert.Equal(Marshal.SizeOf<RecordHeader>() + Marshal.SizeOf<PacketMeta>() + Marshal.SizeOf<PacketCapture>(), prefix.Size);
        AssertFields(btf.Members.Skip(1).ToList(), typeof(DropRecord), prefix.Size);
        Assert.Equal(btf.Size, prefix.Size + Marshal.SizeOf<DropRecord>());
    }

    private static void AssertSameLayout(string cStruct, Type mirror, int baseOffset)
    {
        using var obj = OpenDropObject();
        var btf = obj.Btf.Struct(cStruct);
        Assert.True(btf.HasValue, $"{cStruct} is not in the object's BTF");
        AssertFields(btf.Value.Members.Where(m => !m.Name.StartsWith("pad", StringComparison.Ordinal)).ToList(), mirror, baseOffset);
        Assert.Equal(btf.Value.Size, Marshal.SizeOf(mirror));
    }

    private static void AssertFields(IReadOnlyList<(string Name, int Offset, int Size)> cFields, Type mirror, int baseOffset)
    {
        var fields = mirror.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Where(f => !f.Name.StartsWith("_pad", StringComparison.Ordinal))
            .OrderBy(f => Marshal.OffsetOf(mirror, f.Name).ToInt32())
            .ToList();
        Assert.Equal(cFields.Count, fields.Count);
        for (int i = 0; i < fields.Count; i++)
        {
            int offset = Marshal.OffsetOf(mirror, fields[i].Name).ToInt32();
            Assert.True(cFields[i].Offset == baseOffset + offset, $"{mirror.Name}.{fields[i].Name} is at {offset}, C field {cFields[i].Name} at {cFields[i].Offset - baseOffset}");
            Assert.True(cFields[i].Size == FieldSize(fields[i]), $"{mirror.Name}.{fields[i].Name} has {FieldSize(fields[i])} bytes, C field {cFields[i].Name} {cFields[i].Size}");
        }
    }

    private static int FieldSize(System.Reflection.FieldInfo field)
    {
        var fixedBuffer = field.GetCustomAttributes(typeof(System.Runtime.CompilerServices.FixedBufferAttribute), false)
            .Cast<System.Runtime.CompilerServices.FixedBufferAttribute>().FirstOrDefault();
        return fixedBuffer is null ? Marshal.SizeOf(field.FieldType) : fixedBuffer.Length * Marshal.SizeOf(fixedBuffer.ElementType);
    }

    private static BpfObject OpenDropObject()
    {
        NativeLibraries.Install();
        using var stream = typeof(DropTraceGroup).Assembly.GetManifestResourceStream("drop.bpf.o")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return BpfObject.Open(copy.ToArray(), "drop");
    }
}
