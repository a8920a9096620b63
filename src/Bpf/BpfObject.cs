using System.Runtime.InteropServices;
using System.Text;
using NetTrace.Bpf.Handles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>An opened (and later loaded) BPF object file. Programs and maps live as long as it.</summary>
public sealed unsafe class BpfObject : IDisposable
{
    private const int VerifierLogSize = 256 * 1024;
    private const int VerifierTailLines = 20;

    private readonly BpfObjectHandle _handle;
    private readonly void* _elf; // libbpf reads the ELF image until load, so it must outlive the object

    private BpfObject(BpfObjectHandle handle, void* elf, string name)
    {
        _handle = handle;
        _elf = elf;
        Name = name;
    }

    /// <summary>The object's name, as libbpf names its maps and as errors show it.</summary>
    public string Name { get; }

    internal bool IsLoaded { get; private set; }

    internal nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// The kernel's BTF for every object's CO-RE relocations, when not the kernel's own /sys/kernel/btf/vmlinux
    /// (--btf-path): one per process, set before the first object opens.
    /// </summary>
    public static string? KernelBtfPath { get; set; }

    /// <summary>
    /// Where each object's CO-RE relocations find the kernel's types when <see cref="KernelBtfPath"/> is not set: the
    /// part of the kernel's BTF the object can reach (null: libbpf reads all of it). Set for a session, before it opens objects.
    /// </summary>
    public static ICoreTypeSource? CoreBtf { get; set; }

    /// <summary>
    /// The user's filter expression as eBPF (<see cref="PacketFilter.CbpfTranslator"/>), written into every object that
    /// filters packets (<see cref="PacketFilter.PacketFilterStub"/>) as it opens; null: none. Set for a session, before it opens objects.
    /// </summary>
    public static ulong[]? PacketFilterCode { get; set; }

    /// <summary>The same expression compiled for Ethernet frames, written into the frame stub (nt_pcap_l2); null: none.</summary>
    public static ulong[]? FrameFilterCode { get; set; }

    /// <summary>Told of each object the filter expression was written into (for -v).</summary>
    public static Action<string>? PacketFilterReport { get; set; }

    /// <summary>Opens an object from its ELF bytes (copied: the caller's buffer may go); nothing reaches the kernel yet.</summary>
    public static BpfObject Open(ReadOnlySpan<byte> elfImage, string name)
    {
        byte[]? image = null;
        if (PacketFilterCode is { } filter && PacketFilter.PacketFilterStub.Write(elfImage, filter) is { } filtered)
        {
            PacketFilterReport?.Invoke($"{name}: the filter expression runs in the kernel ({filter.Length} of {PacketFilter.PacketFilterStub.Room} instructions)");
            image = filtered;
        }
        if (FrameFilterCode is { } frame && PacketFilter.PacketFilterStub.Write(image ?? elfImage, frame, PacketFilter.PacketFilterStub.FrameFunction) is { } framed)
        {
            PacketFilterReport?.Invoke($"{name}: the filter expression runs over Ethernet frames in the kernel ({frame.Length} of {PacketFilter.PacketFilterStub.Room} instructions)");
            image = framed;
        }
        if (image is not null)
            return Open(image, name, KernelBtfPath ?? CoreBtf?.PathFor(image, name));
        return Open(elfImage, name, KernelBtfPath ?? CoreBtf?.PathFor(elfImage, name));
    }

    /// <summary>Opens an object whose CO-RE relocations use the BTF at <paramref name="btfPath"/> (null: the kernel's own).</summary>
    internal static BpfObject Open(ReadOnlySpan<byte> elfImage, string name, string? btfPath)
    {
        TracingTargets.Install();
        void* elf = NativeMemory.Alloc((nuint)elfImage.Length);
        elfImage.CopyTo(new Span<byte>(elf, elfImage.Length));
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        byte[]? btfBytes = btfPath is { } btf ? Encoding.UTF8.GetBytes(btf + "\0") : null;
        try
        {
            fixed (byte* namePtr = nameBytes)
            fixed (byte* btfPtr = btfBytes)
            {
                var opts = new LibBpf.ObjectOpenOpts { Size = (nuint)sizeof(LibBpf.ObjectOpenOpts), ObjectName = namePtr, BtfCustomPath = btfPtr };
                nint obj = LibBpf.bpf_object__open_mem(elf, (nuint)elfImage.Length, &opts);
                BpfErrors.Check(obj, BpfStage.Open, $"BPF object {name}");
                return new BpfObject(new BpfObjectHandle(obj), elf, name);
            }
        }
        catch
        {
            NativeMemory.Free(elf);
            throw;
        }
    }

    /// <summary>Every program of the object, as libbpf lists them.</summary>
    public IEnumerable<BpfProgram> Programs
    {
        get
        {
            var list = new List<BpfProgram>();
            for (nint p = LibBpf.bpf_object__next_program(Pointer, 0); p != 0; p = LibBpf.bpf_object__next_program(Pointer, p))
                list.Add(new BpfProgram(this, p));
            return list;
        }
    }

    /// <summary>The program of that C function name; a <see cref="BpfException"/> (ENOENT) when there is none.</summary>
    public BpfProgram Program(string name)
    {
        nint p = LibBpf.bpf_object__find_program_by_name(Pointer, name);
        if (p == 0)
            throw new BpfException(BpfStage.Configure, $"program {name} in {Name}", BpfErrors.ENOENT);
        return new BpfProgram(this, p);
    }

    /// <summary>The map of that name; a <see cref="BpfException"/> (ENOENT) when there is none.</summary>
    public BpfMap Map(string name)
    {
        nint m = LibBpf.bpf_object__find_map_by_name(Pointer, name);
        if (m == 0)
            throw new BpfException(BpfStage.Configure, $"map {name} in {Name}", BpfErrors.ENOENT);
        return new BpfMap(this, m, name);
    }

    /// <summary>Every map the object declares, libbpf's own data sections (.rodata...) included.</summary>
    public IEnumerable<BpfMap> Maps
    {
        get
        {
            var list = new List<BpfMap>();
            for (nint m = LibBpf.bpf_object__next_map(Pointer, 0); m != 0; m = LibBpf.bpf_object__next_map(Pointer, m))
                list.Add(new BpfMap(this, m, Marshal.PtrToStringUTF8((nint)LibBpf.bpf_map__name(m)) ?? "?"));
            return list;
        }
    }

    /// <summary>The map, or null when the object has none of that name.</summary>
    public BpfMap? TryMap(string name)
    {
        nint m = LibBpf.bpf_object__find_map_by_name(Pointer, name);
        return m == 0 ? null : new BpfMap(this, m, name);
    }

    /// <summary>The object's own BTF (owned by the object, readable while it lives).</summary>
    internal BtfReader Btf
    {
        get
        {
            nint btf = LibBpf.bpf_object__btf(Pointer);
            if (btf == 0)
                throw new BpfException(BpfStage.Configure, $"BTF of {Name}", BpfErrors.ENOENT);
            return new BtfReader(_handle, btf);
        }
    }

    /// <summary>Loads every autoload program; a verifier rejection names the program and shows the log's end.</summary>
    public void Load()
    {
        var logs = new List<(BpfProgram Program, nint Buffer)>();
        try
        {
            foreach (var program in Programs)
            {
                nint buffer = (nint)NativeMemory.AllocZeroed(VerifierLogSize);
                logs.Add((program, buffer));
                LibBpf.bpf_program__set_log_buf(program.Pointer, (byte*)buffer, VerifierLogSize);
            }
            int rc = LibBpf.bpf_object__load(Pointer);
            if (rc < 0)
                throw LoadFailure(-rc, logs);
            IsLoaded = true;
        }
        finally
        {
            foreach (var (program, buffer) in logs)
            {
                LibBpf.bpf_program__set_log_buf(program.Pointer, null, 0);
                NativeMemory.Free((void*)buffer);
            }
        }
    }

    private BpfException LoadFailure(int errno, List<(BpfProgram Program, nint Buffer)> logs)
    {
        foreach (var (program, buffer) in logs)
        {
            string log = Marshal.PtrToStringUTF8(buffer) ?? "";
            if (log.Length == 0)
                continue;
            var lines = log.TrimEnd().Split('\n');
            string tail = string.Join('\n', lines.TakeLast(VerifierTailLines).Select(l => "  " + l));
            return new BpfException(BpfStage.Load, $"program {program.Name} of {Name}", errno, "verifier log (end):\n" + tail);
        }
        return new BpfException(BpfStage.Load, $"BPF object {Name}", errno);
    }

    /// <summary>Closes the object: its programs are unloaded once no link holds them, its maps freed.</summary>
    public void Dispose()
    {
        if (_handle.IsClosed)
            return;
        TracingTargets.Forget(Programs.Select(p => p.Pointer)); // those never loaded: their addresses may be reused
        _handle.Dispose();
        NativeMemory.Free(_elf);
    }
}
