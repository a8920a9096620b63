namespace NetTrace.Abstractions.Events;

/// <summary>
/// Mirror of <c>struct nt_listen_evidence</c> (plugins/tcp/bpf/listen.h), which the tcp plugin's entry programs
/// write into an <see cref="SkbExtraRecord"/>'s payload when a SYN or a handshake's last ACK reaches a listener:
/// its accept queue, its listen() backlog and its SYN queue, read just before the kernel checks them.
/// </summary>
public readonly record struct ListenerEvidence(uint AcceptQueue, uint AcceptBacklog, uint SynQueue)
{
    /// <summary>Offsets in the extra's payload, checked against the object's BTF by a layout test.</summary>
    public const int AcceptQueueOffset = 0, AcceptBacklogOffset = 4, SynQueueOffset = 8;

    /// <summary>The evidence a hit carries, or null when its extra is not a listener's.</summary>
    public static ListenerEvidence? From(SkbExtraRecord? extra)
    {
        if (extra is not { Kind: SkbExtraKind.Listener } x)
            return null;
        ReadOnlySpan<byte> bytes = x.Bytes;
        return new ListenerEvidence(
            BitConverter.ToUInt32(bytes.Slice(AcceptQueueOffset, sizeof(uint))),
            BitConverter.ToUInt32(bytes.Slice(AcceptBacklogOffset, sizeof(uint))),
            BitConverter.ToUInt32(bytes.Slice(SynQueueOffset, sizeof(uint))));
    }

    /// <summary>The kernel's sk_acceptq_is_full: more handshakes wait for accept() than the backlog allows.</summary>
    public bool AcceptQueueFull => AcceptQueue > AcceptBacklog;

    /// <summary>The kernel's inet_csk_reqsk_queue_is_full: as many requests in the handshake as the backlog.</summary>
    public bool SynQueueFull => SynQueue >= AcceptBacklog;
}
