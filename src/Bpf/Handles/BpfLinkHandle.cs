using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.Handles;

/// <summary>Owns a struct bpf_link (detaches the program).</summary>
internal sealed class BpfLinkHandle(nint pointer) : LibBpfHandle(pointer)
{
    protected override void Free(nint pointer) => LibBpf.bpf_link__destroy(pointer);
}
