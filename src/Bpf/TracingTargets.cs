using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// fentry and fexit programs load with the attach point nettrace looked up itself. libbpf 1.1 reads and parses the
/// kernel's whole BTF in each object that has such a program (and every loaded module's, for a function in a module)
/// only to find the attach point's id: a third of a second per object under emulation, and --monitor loads three.
/// So SEC("fentry") and SEC("fexit") get a handler of nettrace's own, which libbpf checks before its own: their
/// programs open as raw tracepoints (a type that needs no kernel BTF), and just before each one loads, the handler
/// makes it a tracing program with the id <see cref="KernelCoreBtf.FindFunction"/> found in the BTF nettrace has
/// parsed already. A target it cannot find is looked up by libbpf, as before (<see cref="BpfProgram.SetAttachTarget(string)"/>).
/// </summary>
internal static unsafe class TracingTargets
{
    private const int ESRCH = 3;
    private const int EINVAL = 22;

    private static readonly ConcurrentDictionary<nint, (uint Id, int ObjectFd)> s_targets = new();
    private static int s_state; // 0: not tried, 1: installed, 2: refused (libbpf's own handling stays)

    /// <summary>Registers the handlers once, before the first object opens (objects opened before keep libbpf's).</summary>
    public static void Install()
    {
        if (Volatile.Read(ref s_state) != 0)
            return;
        lock (s_targets)
        {
            if (s_state != 0)
                return;
            var opts = new LibBpf.ProgHandlerOpts
            {
                Size = (nuint)sizeof(LibBpf.ProgHandlerOpts),
                PrepareLoadFn = &PrepareLoad,
            };
            bool installed = LibBpf.libbpf_register_prog_handler("fentry+", LibBpf.ProgTypeRawTracepoint, LibBpf.AttachTraceFentry, &opts) > 0
                && LibBpf.libbpf_register_prog_handler("fexit+", LibBpf.ProgTypeRawTracepoint, LibBpf.AttachTraceFexit, &opts) > 0;
            s_state = installed ? 1 : 2;
        }
    }

    /// <summary>Whether <paramref name="program"/> was opened under the handler (its attach point is set here, not by libbpf).</summary>
    public static bool Handles(nint program) =>
        Volatile.Read(ref s_state) == 1 && LibBpf.bpf_program__type(program) == LibBpf.ProgTypeRawTracepoint &&
        LibBpf.bpf_program__expected_attach_type(program) is LibBpf.AttachTraceFentry or LibBpf.AttachTraceFexit;

    public static void Set(nint program, uint btfId, int objectFd) => s_targets[program] = (btfId, objectFd);

    /// <summary>Forgets the programs of an object closed before loading (their addresses may be reused).</summary>
    public static void Forget(IEnumerable<nint> programs)
    {
        foreach (nint program in programs)
            s_targets.TryRemove(program, out _);
    }

    /// <summary>libbpf_prog_prepare_load_fn_t: the program becomes what it is, with its attach point.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PrepareLoad(nint program, LibBpf.ProgLoadOpts* opts, nint cookie)
    {
        try
        {
            // The object is loading, not loaded: libbpf still allows the type to change, and loads with it.
            int rc = LibBpf.bpf_program__set_type(program, LibBpf.ProgTypeTracing);
            if (rc < 0)
                return rc;
            if (s_targets.TryRemove(program, out var target))
            {
                opts->AttachBtfId = target.Id;
                opts->AttachBtfObjFd = (uint)target.ObjectFd;
            }
            // Else libbpf's bpf_program__set_attach_target found it, and its load options carry it already.
            return opts->AttachBtfId != 0 ? 0 : -ESRCH;
        }
        catch (Exception)
        {
            return -EINVAL;
        }
    }
}
