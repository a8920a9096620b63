using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Handles;

/// <summary>Base for libbpf-owned pointers: released exactly once, and counted.</summary>
internal abstract class LibBpfHandle : SafeHandle
{
    protected LibBpfHandle(nint pointer) : base(0, ownsHandle: true)
    {
        SetHandle(pointer);
        if (pointer != 0)
            HandleTracker.Opened();
    }

    public override bool IsInvalid => handle == 0;

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        HandleTracker.Released();
        return true;
    }

    protected abstract void Free(nint pointer);
}
