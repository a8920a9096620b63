namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// A record kind a group's BPF object emits. Packet-shaped kinds start with the common
/// packet prefix (record header, <see cref="Events.PacketMeta"/>, <see cref="Events.PacketCapture"/>),
/// which the host decodes once for every group.
/// </summary>
public sealed record EventKindSpec(ushort Kind, string Name, bool PacketShaped);
