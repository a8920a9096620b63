using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine;

/// <summary>Mirror of <c>struct nt_engine_cfg</c> (bpf/engine/engine.h), written into .rodata before load.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EngineConfig
{
    public const string VariableName = "nt_engine";
    public const int Slots = 16;

    /// <summary>Follow matched skbs until freed (lifecycle); 0 filters every hit (basic).</summary>
    public byte Track;

    /// <summary>Do not parse a followed skb again (--pkt-fixed).</summary>
    public byte PacketFixed;

    /// <summary>Emit a returning call only when its trace's return rules say abnormal (--monitor).</summary>
    public byte Monitor;

    /// <summary>--func-stats: count hits per trace, emit nothing (<see cref="FuncStatsMode"/>).</summary>
    public byte FuncStats;

    /// <summary>--latency: one record per skb at its free, or only its histogram (<see cref="LatencyMode"/>).</summary>
    public byte Latency;

    /// <summary>--latency-free: the latency runs to the free.</summary>
    public byte LatencyFree;

    private ushort _pad;

    /// <summary>--min-latency under --latency: shorter lives send nothing.</summary>
    public ulong LatencyMinNs;

    public SlotCookies SlotCookie;

    [InlineArray(Slots)]
    public struct SlotCookies
    {
        private ulong _first;
    }
}
