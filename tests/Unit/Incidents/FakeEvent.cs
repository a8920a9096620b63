using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>An event of a plugin the tests make up: only a trace name, maybe a packet, and named fields.</summary>
internal sealed class FakeEvent(string trace, PacketInfo? packet = null, params KeyValuePair<string, object?>[] fields) : ITraceEvent
{
    public string Trace => trace;

    public PacketMeta Meta => default;

    public PacketInfo? Packet => packet;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields => fields;
}
