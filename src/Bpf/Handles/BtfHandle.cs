using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.Handles;

/// <summary>Owns a struct btf loaded on its own (not one owned by an object).</summary>
internal sealed class BtfHandle(nint pointer) : LibBpfHandle(pointer)
{
    protected override void Free(nint pointer) => LibBpf.btf__free(pointer);
}
