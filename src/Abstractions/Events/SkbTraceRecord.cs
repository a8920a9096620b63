using System.Runtime.InteropServices;

namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of the fields of <c>struct nt_skb_event</c> after the packet prefix (bpf/engine/engine.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SkbTraceRecord
{
    public const ushort Owner = 1;
    public const ushort Kind = 1;

    public ulong Ret;
    public ulong Aux0;
    public ulong Aux1;
    public ushort Trace;
    public SkbTraceFlags Flags;
    public int StackId;
    public uint Mark;

    /// <summary>--latency (<see cref="SkbTraceFlags.Latency"/>): the first trace id, and the last one's shifted by 16.</summary>
    public uint LatencySpan;

    /// <summary>The fixed part before skb->mark was added (recording format 1): ret to stack_id.</summary>
    public const int LegacySize = 32;
}
