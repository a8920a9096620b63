using NetTrace.Bpf.Handles;

namespace NetTrace.Bpf;

/// <summary>An attached program; disposing detaches it.</summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfLinkHandle _handle;

    internal BpfLink(BpfLinkHandle handle, string description, bool slowToRelease)
    {
        _handle = handle;
        Description = description;
        SlowToRelease = slowToRelease;
    }

    /// <summary>What is attached where, as "kind:target" (shown by -v and in the trace tree).</summary>
    public string Description { get; }

    /// <summary>
    /// Detaching waits in the kernel for grace periods (kprobes, perf-event tracepoints, trampolines and
    /// kprobe.multi's ftrace ops); raw and BTF tracepoints are released at once.
    /// </summary>
    public bool SlowToRelease { get; }

    /// <summary>The link's file descriptor, or -1 once disposed: the kernel detaches when its last copy is closed.</summary>
    internal int Fd
    {
        get
        {
            bool added = false;
            try
            {
                _handle.DangerousAddRef(ref added);
                return Interop.LibBpf.bpf_link__fd(_handle.DangerousGetHandle());
            }
            catch (ObjectDisposedException)
            {
                return -1;
            }
            finally
            {
                if (added)
                    _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Detaches the program.</summary>
    public void Dispose() => _handle.Dispose();
}
