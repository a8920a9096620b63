using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.Handles;

/// <summary>Owns a struct ring_buffer.</summary>
internal sealed class RingBufferHandle(nint pointer) : LibBpfHandle(pointer)
{
    protected override void Free(nint pointer) => LibBpf.ring_buffer__free(pointer);
}
