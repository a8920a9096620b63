using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Bpf;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// Compares a C# mirror with a C struct read from an object's BTF. Fields are paired by name (C name, C# name)
/// rather than by order, so two fields of the same size that swap places are caught too.
/// </summary>
internal static class MirrorLayout
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// Every C member (pads aside) and every mirror field (pads aside) appears in exactly one pair, and each pair
    /// has the same size and the same offset; C offsets are counted from <paramref name="baseOffset"/>.
    /// </summary>
    public static void AssertPairs(IEnumerable<(string Name, int Offset, int Size)> cMembers, Type mirror, int baseOffset,
        params (string C, string Cs)[] pairs)
    {
        var members = cMembers.Where(m => !m.Name.StartsWith("pad", StringComparison.Ordinal)).ToDictionary(m => m.Name);
        var fields = mirror.GetFields(InstanceFields).Where(f => !f.Name.StartsWith("_pad", StringComparison.Ordinal)).ToDictionary(f => f.Name);
        Assert.Equal(members.Keys.Order(StringComparer.Ordinal), pairs.Select(p => p.C).Order(StringComparer.Ordinal));
        Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), pairs.Select(p => p.Cs).Order(StringComparer.Ordinal));
        foreach (var (c, cs) in pairs)
        {
            var member = members[c];
            int offset = Marshal.OffsetOf(mirror, cs).ToInt32();
            int size = RuntimeHelpers.SizeOf(fields[cs].FieldType.TypeHandle);
            Assert.True(member.Offset - baseOffset == offset, $"{mirror.Name}.{cs} is at {offset}, C field {c} at {member.Offset - baseOffset}");
            Assert.True(member.Size == size, $"{mirror.Name}.{cs} has {size} bytes, C field {c} {member.Size}");
        }
    }

    /// <summary>The whole struct: its pairs from offset 0 and the same total size.</summary>
    public static void AssertStruct(BpfObject obj, string cStruct, Type mirror, params (string C, string Cs)[] pairs)
    {
        var btf = obj.Btf.Struct(cStruct);
        Assert.True(btf.HasValue, $"{cStruct} is not in the object's BTF");
        AssertPairs(btf.Value.Members, mirror, 0, pairs);
        Assert.Equal(btf.Value.Size, RuntimeHelpers.SizeOf(mirror.TypeHandle));
    }

    /// <summary>A C enum and its C# mirror: the same constants, paired by name, with the same values.</summary>
    public static void AssertEnum<T>(BpfObject obj, string cEnum, params (string C, T Cs)[] pairs) where T : struct, Enum
    {
        var values = obj.Btf.Enum(cEnum);
        Assert.True(values is not null, $"enum {cEnum} is not in the object's BTF");
        Assert.Equal(values.Select(v => v.Name).Order(StringComparer.Ordinal), pairs.Select(p => p.C).Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<T>().Order(), pairs.Select(p => p.Cs).Order());
        var byName = values.ToDictionary(v => v.Name, v => v.Value);
        foreach (var (c, cs) in pairs)
        {
            long value = Convert.ToInt64(cs, CultureInfo.InvariantCulture);
            Assert.True(byName[c] == value, $"{c} is {byName[c]}, {typeof(T).Name}.{cs} is {value}");
        }
    }

    /// <summary>A BPF object embedded in an assembly (bpf/Bpf.targets names it after its source file).</summary>
    public static BpfObject Open(Assembly assembly, string resource, string name)
    {
        NativeLibraries.Install();
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return BpfObject.Open(copy.ToArray(), name);
    }
}
