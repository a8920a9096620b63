using System.Runtime.InteropServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf.Handles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>A program inside a <see cref="BpfObject"/>; valid while the object is.</summary>
public sealed unsafe class BpfProgram
{
    private readonly BpfObject _owner;
    private readonly nint _program;

    internal BpfProgram(BpfObject owner, nint program)
    {
        _owner = owner;
        _program = program;
        Name = Marshal.PtrToStringUTF8((nint)LibBpf.bpf_program__name(program)) ?? "?";
    }

    /// <summary>The C function's name.</summary>
    public string Name { get; }

    internal nint Pointer
    {
        get
        {
            _ = _owner.Pointer; // throws once the object is disposed
            return _program;
        }
    }

    /// <summary>The loaded program's file descriptor.</summary>
    public int Fd => LibBpf.bpf_program__fd(Pointer);

    /// <summary>Whether <see cref="BpfObject.Load"/> loads this program (every program does unless told otherwise).</summary>
    public bool Autoload => LibBpf.bpf_program__autoload(Pointer);

    /// <summary>enum bpf_prog_type (26 is BPF_PROG_TYPE_TRACING: fentry, fexit, tp_btf).</summary>
    internal int Type => LibBpf.bpf_program__type(Pointer);

    /// <summary>The instructions, each as its 8 bytes; once loaded, as libbpf relocated them (tests compare relocations).</summary>
    internal ulong[] Instructions() => new ReadOnlySpan<ulong>(LibBpf.bpf_program__insns(Pointer), (int)LibBpf.bpf_program__insn_cnt(Pointer)).ToArray();

    /// <summary>Includes the program in, or leaves it out of, the object's load (before load only).</summary>
    public void SetAutoload(bool autoload) =>
        BpfErrors.Check(LibBpf.bpf_program__set_autoload(Pointer, autoload), BpfStage.Configure, $"program {Name}");

    /// <summary>Sets the kernel function (fentry/fexit) or tracepoint (tp_btf) the program loads for.</summary>
    public void SetAttachTarget(string function)
    {
        // A function found in the BTF nettrace parsed spares libbpf its own parse of the kernel's (TracingTargets).
        if (TracingTargets.Handles(Pointer) && BpfObject.CoreBtf?.FindFunction(function) is { } target)
        {
            TracingTargets.Set(Pointer, target.Id, target.ObjectFd);
            return;
        }
        BpfErrors.Check(LibBpf.bpf_program__set_attach_target(Pointer, 0, function), BpfStage.Configure, $"program {Name} target {function}");
    }

    /// <summary>Binds an fexit (or fentry) program to <paramref name="function"/> of the loaded BPF program <paramref name="target"/>.</summary>
    public void SetAttachTarget(ProgramHandle target, string function) =>
        BpfErrors.Check(LibBpf.bpf_program__set_attach_target(Pointer, target.Fd, function), BpfStage.Configure, $"program {Name} target {function}");

    /// <summary>Whether the program attaches by a BTF id (fentry, fexit, tp_btf): what a kernel without trampolines refuses.</summary>
    internal bool AttachesByBtfId =>
        Type == LibBpf.ProgTypeTracing || LibBpf.bpf_program__expected_attach_type(Pointer) is LibBpf.AttachTraceRawTp or LibBpf.AttachTraceFentry or LibBpf.AttachTraceFexit;

    /// <summary>Attaches the loaded program to <paramref name="target"/> the way its kind requires.</summary>
    public BpfLink Attach(AttachKind kind, string target)
    {
        if (!_owner.IsLoaded)
            throw new InvalidOperationException($"program {Name} attached before its object was loaded");
        nint link = kind switch
        {
            AttachKind.Kprobe => LibBpf.bpf_program__attach_kprobe(Pointer, false, target),
            AttachKind.Kretprobe => LibBpf.bpf_program__attach_kprobe(Pointer, true, target),
            AttachKind.Fentry or AttachKind.Fexit or AttachKind.TpBtf => LibBpf.bpf_program__attach_trace(Pointer),
            AttachKind.RawTracepoint => LibBpf.bpf_program__attach_raw_tracepoint(Pointer, target),
            AttachKind.Tracepoint => AttachTracepoint(target),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        BpfErrors.Check(link, BpfStage.Attach, $"{kind.ToDisplayName()}:{target}");
        return new BpfLink(new BpfLinkHandle(link), $"{kind.ToDisplayName()}:{target}", kind is not (AttachKind.TpBtf or AttachKind.RawTracepoint));
    }

    /// <summary>
    /// A kprobe (or kretprobe) on one function, carrying <paramref name="cookie"/> for bpf_get_attach_cookie.
    /// Given its <paramref name="address"/>, the kernel skips its own symbol lookup (a linear scan of
    /// every symbol before 6.2); 0 means by name.
    /// </summary>
    public BpfLink AttachKprobe(string function, bool retprobe, ulong cookie, ulong address = 0)
    {
        var opts = new LibBpf.KprobeOpts { Size = (nuint)sizeof(LibBpf.KprobeOpts), BpfCookie = cookie, Retprobe = retprobe, Offset = (nuint)address };
        nint link = LibBpf.bpf_program__attach_kprobe_opts(Pointer, address == 0 ? function : null, &opts);
        string what = $"{(retprobe ? "kretprobe" : "kprobe")}:{function}";
        BpfErrors.Check(link, BpfStage.Attach, what);
        return new BpfLink(new BpfLinkHandle(link), what, slowToRelease: true);
    }

    /// <summary>
    /// An fexit (or fentry) program on the function it was bound to at load time, carrying <paramref name="cookie"/>
    /// for bpf_get_attach_cookie (Linux ≥ 5.19 for tracing programs).
    /// </summary>
    public BpfLink AttachTrace(AttachKind kind, string function, ulong cookie)
    {
        if (!_owner.IsLoaded)
            throw new InvalidOperationException($"program {Name} attached before its object was loaded");
        var opts = new LibBpf.TraceOpts { Size = (nuint)sizeof(LibBpf.TraceOpts), Cookie = cookie };
        nint link = LibBpf.bpf_program__attach_trace_opts(Pointer, &opts);
        string what = $"{kind.ToDisplayName()}:{function}";
        BpfErrors.Check(link, BpfStage.Attach, what);
        return new BpfLink(new BpfLinkHandle(link), what, slowToRelease: true);
    }

    /// <summary>
    /// One link hooking every address in <paramref name="addresses"/> (kprobe.multi, Linux ≥ 5.18 with
    /// fprobe); cookies[i] goes with addresses[i]. All or nothing: one bad address fails the whole link.
    /// </summary>
    public BpfLink AttachKprobeMulti(IReadOnlyList<ulong> addresses, IReadOnlyList<ulong> cookies, bool retprobe)
    {
        if (addresses.Count != cookies.Count || addresses.Count == 0)
            throw new ArgumentException("one cookie per address, at least one address");
        var addrs = addresses.Select(a => (nuint)a).ToArray();
        var values = cookies.ToArray();
        nint link;
        fixed (nuint* a = addrs)
        fixed (ulong* c = values)
        {
            var opts = new LibBpf.KprobeMultiOpts
            {
                Size = (nuint)sizeof(LibBpf.KprobeMultiOpts),
                Addrs = a,
                Cookies = c,
                Count = (nuint)addrs.Length,
                Retprobe = retprobe,
            };
            link = LibBpf.bpf_program__attach_kprobe_multi_opts(Pointer, null, &opts);
        }
        string what = $"{(retprobe ? "kretprobe" : "kprobe")}.multi:{addresses.Count} functions";
        BpfErrors.Check(link, BpfStage.Attach, what);
        return new BpfLink(new BpfLinkHandle(link), what, slowToRelease: true);
    }

    /// <summary>kprobe.multi on functions named in <paramref name="functions"/> (resolved by the kernel), no cookies.</summary>
    public BpfLink AttachKprobeMulti(IReadOnlyList<string> functions)
    {
        var names = functions.Select(f => Marshal.StringToCoTaskMemUTF8(f)).ToArray();
        try
        {
            nint link;
            fixed (nint* syms = names)
            {
                var opts = new LibBpf.KprobeMultiOpts { Size = (nuint)sizeof(LibBpf.KprobeMultiOpts), Syms = (byte**)syms, Count = (nuint)names.Length };
                link = LibBpf.bpf_program__attach_kprobe_multi_opts(Pointer, null, &opts);
            }
            string what = $"kprobe.multi:{string.Join(',', functions)}";
            BpfErrors.Check(link, BpfStage.Attach, what);
            return new BpfLink(new BpfLinkHandle(link), what, slowToRelease: true);
        }
        finally
        {
            foreach (nint name in names)
                Marshal.FreeCoTaskMem(name);
        }
    }

    private nint AttachTracepoint(string target)
    {
        int slash = target.IndexOf('/');
        if (slash <= 0)
            throw new ArgumentException($"tracepoint '{target}' is not category/name", nameof(target));
        return LibBpf.bpf_program__attach_tracepoint(Pointer, target[..slash], target[(slash + 1)..]);
    }
}
