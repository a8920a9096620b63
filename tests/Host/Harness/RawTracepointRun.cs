using System.Runtime.InteropServices;
using NetTrace.Bpf;

namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// Runs a loaded raw_tp program once through BPF_PROG_TEST_RUN, on the calling thread with preemption off (as a
/// tracepoint would), its context the given tracepoint arguments. No traffic, so the BPF side's per-CPU state can
/// be set up and read back around one run.
/// </summary>
internal static unsafe partial class RawTracepointRun
{
    /// <summary>struct bpf_test_run_opts (libbpf 1.1).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TestRunOpts
    {
        public nuint Size;
        public void* DataIn;
        public void* DataOut;
        public uint DataSizeIn;
        public uint DataSizeOut;
        public void* CtxIn;
        public void* CtxOut;
        public uint CtxSizeIn;
        public uint CtxSizeOut;
        public uint Retval;
        public int Repeat;
        public uint Duration;
        public uint Flags;
        public uint Cpu;
        public uint BatchSize;
    }

    [LibraryImport("libbpf.so.1")]
    private static partial int bpf_prog_test_run_opts(int progFd, TestRunOpts* opts);

    [LibraryImport("libc.so.6")]
    private static partial int gettid();

    /// <summary>What bpf_get_current_pid_tgid() returns in a program this thread runs.</summary>
    public static ulong CurrentPidTgid => ((ulong)(uint)Environment.ProcessId << 32) | (uint)gettid();

    /// <summary>Runs <paramref name="program"/> once; returns its return value.</summary>
    public static uint Run(BpfProgram program, params ulong[] args)
    {
        fixed (ulong* ctx = args)
        {
            var opts = new TestRunOpts { Size = (nuint)sizeof(TestRunOpts), CtxIn = ctx, CtxSizeIn = (uint)(args.Length * sizeof(ulong)) };
            int rc = bpf_prog_test_run_opts(program.Fd, &opts);
            if (rc != 0)
                throw new InvalidOperationException($"BPF_PROG_TEST_RUN of {program.Name}: {rc}");
            return opts.Retval;
        }
    }
}
