using System.Runtime.InteropServices;

namespace NetTrace.Bpf;

/// <summary>Writes a <c>const volatile</c> global of a BPF object before load, found through the object's BTF.</summary>
public static class RodataVariable
{
    private const string Section = ".rodata";

    /// <summary>Copies <paramref name="value"/> over the variable's bytes; a <see cref="BpfException"/> when it does not fit.</summary>
    public static void Write(BpfObject obj, string variable, ReadOnlySpan<byte> value)
    {
        int offset = obj.Btf.VariableOffset(Section, variable);
        if (offset < 0)
            throw new BpfException(BpfStage.Configure, $"{variable} in {obj.Name}", BpfErrors.ENOENT);
        var rodata = obj.Map(Section).InitialValue();
        if (offset + value.Length > rodata.Length)
            throw new BpfException(BpfStage.Configure, $"{variable} in {obj.Name} (layout mismatch)", BpfErrors.EINVAL);
        value.CopyTo(rodata.Slice(offset, value.Length));
    }

    /// <summary>Writes a C struct mirror (<typeparamref name="T"/>, sequential layout) as the variable's value.</summary>
    public static void Write<T>(BpfObject obj, string variable, in T value) where T : unmanaged
    {
        int offset = obj.Btf.VariableOffset(Section, variable);
        if (offset < 0)
            throw new BpfException(BpfStage.Configure, $"{variable} in {obj.Name}", BpfErrors.ENOENT);
        var rodata = obj.Map(Section).InitialValue();
        int size = Marshal.SizeOf<T>();
        if (offset + size > rodata.Length)
            throw new BpfException(BpfStage.Configure, $"{variable} in {obj.Name} (layout mismatch)", BpfErrors.EINVAL);
        MemoryMarshal.Write(rodata.Slice(offset, size), in value);
    }
}
