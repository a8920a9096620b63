using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine;

/// <summary>
/// The engine's <c>nt_gate</c> (bpf/include/nt_entry_filter.h), shared with the plugins' entry objects: whether
/// their entry programs may refuse a hit by the packet filter before handing it off. The worker closes it for
/// good once it follows an skb (a followed skb must reach it whatever its headers say).
/// </summary>
internal static class EntryGate
{
    public const string MapName = "nt_gate";

    /// <summary>Opens the gate unless every hit must reach the worker: --func-stats without a filter counts them all.</summary>
    public static void Open(NetTrace.Bpf.BpfObject engine, TracerSettings settings)
    {
        if (settings.FuncStats == FuncStatsMode.Unfiltered)
            return;
        var gate = new NtGate { Refuse = 1 };
        uint key = 0;
        engine.Map(MapName).Update(MemoryMarshal.AsBytes(new ReadOnlySpan<uint>(in key)), MemoryMarshal.AsBytes(new ReadOnlySpan<NtGate>(in gate)));
    }
}

/// <summary>Mirrors <c>struct nt_gate</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtGate
{
    public uint Refuse;
    public uint Following;
}
