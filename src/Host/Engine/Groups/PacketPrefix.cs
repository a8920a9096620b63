using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Engine.Groups;

/// <summary>Offsets of <c>struct nt_pkt_event</c>, the prefix of packet-shaped records.</summary>
internal static class PacketPrefix
{
    public static readonly int MetaOffset = Marshal.SizeOf<RecordHeader>();
    public static readonly int CaptureOffset = MetaOffset + Marshal.SizeOf<PacketMeta>();
    public static readonly int DataOffset = CaptureOffset + (int)Marshal.OffsetOf<PacketCapture>(nameof(PacketCapture.Data));
    public static readonly int Size = CaptureOffset + Marshal.SizeOf<PacketCapture>();
}
