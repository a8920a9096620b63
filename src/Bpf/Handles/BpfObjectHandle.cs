using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.Handles;

/// <summary>Owns a struct bpf_object.</summary>
internal sealed class BpfObjectHandle(nint pointer) : LibBpfHandle(pointer)
{
    protected override void Free(nint pointer) => LibBpf.bpf_object__close(pointer);
}
