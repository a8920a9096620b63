using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf.PacketFilter;

/// <summary>
/// A translated filter (<see cref="CbpfTranslator"/>) run by the kernel over packets nettrace hands it: an XDP program
/// wrapping the filter, fed by BPF_PROG_TEST_RUN. The kernel's verifier checks the code, the kernel runs it (its JIT
/// where there is one), and the verdict is what the filter returned. The tests' proof that the translation selects
/// what libpcap does; needs root.
/// </summary>
public sealed unsafe class KernelFilterRun : IDisposable
{
    private const int HeaderBytes = 16; // the packet's wire length and readable length, then padding
    private const int LogSize = 1 << 16;
    private readonly int _fd;

    /// <summary>Loads the wrapper around <paramref name="filter"/>; a <see cref="BpfException"/> with the verifier's log when refused.</summary>
    public KernelFilterRun(ulong[] filter)
    {
        // r1 = xdp_md: bounds-check the 16 header bytes, take the lengths from them, hand the filter the rest.
        ulong[] wrapper =
        [
            Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, 6, 1, 0),
            Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, 7, 1, 4),
            Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 1, 6),
            Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.K, 1, imm: HeaderBytes),
            Ebpf.Insn(Ebpf.Jmp | Cbpf.Jgt | Ebpf.X, 1, 7, off: 3),
            Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, 3, 6, 0),
            Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, 2, 6, 4),
            Ebpf.Insn(Ebpf.Jmp, off: 2),
            Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 0),
            Ebpf.Insn(Ebpf.Jmp | Ebpf.Exit),
            .. filter,
        ];
        byte* log = (byte*)NativeMemory.AllocZeroed(LogSize);
        try
        {
            var opts = new LibBpf.ProgLoadFullOpts { Size = (nuint)sizeof(LibBpf.ProgLoadFullOpts), LogLevel = 1, LogSize = LogSize, LogBuffer = log };
            fixed (ulong* insns = wrapper)
                _fd = LibBpf.bpf_prog_load(LibBpf.ProgTypeXdp, "nt_filter_test", "GPL", insns, (nuint)wrapper.Length, &opts);
            if (_fd < 0)
                throw new BpfException(BpfStage.Load, "translated filter", -_fd, Marshal.PtrToStringUTF8((nint)log) ?? "");
        }
        finally
        {
            NativeMemory.Free(log);
        }
    }

    /// <summary>The filter's verdict on <paramref name="packet"/> (all of it readable) of <paramref name="wireLength"/> bytes.</summary>
    public bool Selects(ReadOnlySpan<byte> packet, uint wireLength)
    {
        // XDP's test run wants at least an Ethernet header's worth of data: the 16 header bytes cover it.
        var data = new byte[HeaderBytes + packet.Length];
        BitConverter.TryWriteBytes(data.AsSpan(0), wireLength);
        BitConverter.TryWriteBytes(data.AsSpan(4), (uint)packet.Length);
        packet.CopyTo(data.AsSpan(HeaderBytes));
        fixed (byte* input = data)
        {
            var opts = new LibBpf.TestRunOpts { Size = (nuint)sizeof(LibBpf.TestRunOpts), DataIn = input, DataSizeIn = (uint)data.Length, Repeat = 1 };
            int rc = LibBpf.bpf_prog_test_run_opts(_fd, &opts);
            if (rc < 0)
                throw new BpfException(BpfStage.Load, "test run of the translated filter", -rc);
            return opts.ReturnValue != 0;
        }
    }

    /// <summary>Unloads the program.</summary>
    public void Dispose() => LibC.close(_fd);
}
