using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>Groups with records of their own, as a vendor declares them, for tests that never load them.</summary>
internal static class FakeGroups
{
    private sealed class NoDecoder : IEventDecoder
    {
        public ITraceEvent? Decode(in RecordView record) => null;
    }

    /// <summary>A mode-only group with an (empty) BPF object and a decoder, tracing raw tracepoints of these names.</summary>
    public static TraceGroup Own(string name, ushort owner, params string[] traces) =>
        new(name, owner, () => new MemoryStream(), [.. traces.Select(Trace)], [new EventKindSpec(1, name, PacketShaped: true)], new NoDecoder(), null)
        {
            ModeOnly = true,
        };

    private static TraceSpec Trace(string name) => new(name, [new AttachTarget(AttachKind.RawTracepoint, "prog_" + name, name)]);
}
