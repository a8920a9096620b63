using System.Runtime.InteropServices;
using NetTrace.Abstractions.Rendering;
using NetTrace.Bpf;
using NetTrace.Host.Kernel;

namespace NetTrace.Host.Session.Output;

/// <summary>Kernel knowledge for renderers: symbols, drop-reason names and one group's stacks.</summary>
internal sealed class HostRenderContext(Lazy<KallsymsSymbolizer> symbols, DropReasons reasons, BpfMap? stacks, KernelEnums? enums = null) : IRenderContext
{
    private const int StackDepth = 127;

    public int KernelHz => KernelConfig.Hz ?? KernelConfig.DefaultHz;

    public string? EnumName(string enumType, long value) => enums?.Name(enumType, value);

    /// <summary>
    /// Drop locations and stack frames repeat (a flood is one address many times): keep their names instead of
    /// searching kallsyms and formatting "func+0xNN" again. Bounded; the poll thread is its only user.
    /// </summary>
    private readonly Dictionary<ulong, string> _symbolCache = [];
    private const int SymbolCacheLimit = 8192;

    public string Symbolize(ulong address)
    {
        if (_symbolCache.TryGetValue(address, out string? name))
            return name;
        name = symbols.Value.Symbolize(address);
        if (_symbolCache.Count >= SymbolCacheLimit)
            _symbolCache.Clear();
        _symbolCache[address] = name;
        return name;
    }

    public bool HasDropReasons => reasons.Available;

    public string DropReasonName(uint reason) => reasons.Name(reason);

    public IReadOnlyList<ulong> Stack(int stackId)
    {
        if (stacks is null || stackId < 0)
            return [];
        var frames = new ulong[StackDepth];
        if (!stacks.TryLookup(BitConverter.GetBytes(stackId), MemoryMarshal.AsBytes(frames.AsSpan())))
            return [];
        // The first frames are the BPF program and the tracing glue that ran it: not the packet's path.
        return frames.TakeWhile(f => f != 0).SkipWhile(f => IsTracingMachinery(symbols.Value.Symbolize(f))).ToArray();
    }

    private static bool IsTracingMachinery(string symbol) =>
        symbol.StartsWith("bpf_prog_", StringComparison.Ordinal) ||
        symbol.StartsWith("bpf_trace_run", StringComparison.Ordinal) ||
        symbol.StartsWith("__bpf_trace_", StringComparison.Ordinal) ||
        symbol.StartsWith("perf_trace_", StringComparison.Ordinal) ||
        symbol.StartsWith("trace_event_raw_event_", StringComparison.Ordinal) ||
        symbol.StartsWith("__traceiter_", StringComparison.Ordinal) ||
        symbol.StartsWith("trace_call_bpf", StringComparison.Ordinal) ||
        symbol.StartsWith("kprobe_", StringComparison.Ordinal) ||
        symbol.StartsWith("fprobe_", StringComparison.Ordinal) ||
        symbol.StartsWith("ftrace_", StringComparison.Ordinal) ||
        symbol.StartsWith("arch_ftrace_", StringComparison.Ordinal) ||
        symbol.StartsWith("0x", StringComparison.Ordinal);
}
