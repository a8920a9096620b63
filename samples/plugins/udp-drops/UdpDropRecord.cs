using System.Runtime.InteropServices;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>
/// Mirror of the fields <c>struct udpd_event</c> (bpf/udp_drops.h) adds after the packet prefix. The offsets are
/// the ones the header asserts (minus the 208-byte prefix), stated rather than inferred so both sides name them.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct UdpDropRecord
{
    /// <summary>UDPD_KIND_QUEUE_FAIL.</summary>
    public const ushort Kind = 1;

    /// <summary>sizeof(struct udpd_event): the header's size field of every record of this kind.</summary>
    public const uint RecordSize = 224;

    [FieldOffset(0)] public int Rc;
    [FieldOffset(4)] public int ReceiveBuffer;
    [FieldOffset(8)] public int Queued;
    [FieldOffset(12)] public uint TrueSize;
}
