using CsCheck;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Sock;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Fuzz;

/// <summary>
/// Random and truncated ring-buffer records through the dispatcher and every decoder (generic skb tracer,
/// drop, sock): a damaged record is refused or decoded, never an exception. CsCheck shrinks any failure.
/// </summary>
public sealed class DecoderFuzzTests
{
    private static EventDispatcher Dispatcher(bool raw)
    {
        var trace = new CatalogTrace(1, CatalogueGroups.All[0], CatalogueGroups.All[0].Traces[0]);
        var hook = new PlannedHook(trace, trace.Spec.Targets[0], "point", 0, 1, false);
        var groups = new List<TraceGroup> { new SkbEventDecoder([hook]).AsGroup() };
        var registry = new RecordingRegistry();
        new DropTraceGroup().Register(registry);
        new SockPlugin().Register(registry);
        groups.AddRange(registry.Groups);
        return new EventDispatcher(groups) { KeepRawPackets = raw };
    }

    /// <summary>A header naming one of the real owners and kinds, then random bytes of any length.</summary>
    private static readonly Gen<byte[]> Records =
        Gen.Select(Gen.OneOf<ushort>(SkbTraceRecord.Owner, DropTraceGroup.Owner, SockPlugin.Owner, 99),
            Gen.UShort[0, 3], Gen.Byte.Array[0, 420], (owner, kind, body) =>
        {
            var record = new byte[8 + body.Length];
            BitConverter.TryWriteBytes(record.AsSpan(0), owner);
            BitConverter.TryWriteBytes(record.AsSpan(2), kind);
            BitConverter.TryWriteBytes(record.AsSpan(4), (uint)record.Length);
            body.CopyTo(record, 8);
            return record;
        });

    [Fact]
    public void Decode_RandomRecords_NeverThrows()
    {
        var dispatcher = Dispatcher(raw: true);
        Records.Sample(record =>
        {
            var decoded = dispatcher.Decode(record);
            if (decoded is { } d)
                _ = d.Event.Fields.Count + (d.Event.Packet?.Raw?.Length ?? 0);
        }, iter: 20_000);
    }

    [Fact]
    public void Decode_TruncatedValidRecords_NeverThrows()
    {
        var dispatcher = Dispatcher(raw: false);
        // A full-size record of each owner, cut at every length.
        foreach (var (owner, size) in new (ushort, int)[] { (SkbTraceRecord.Owner, 376), (DropTraceGroup.Owner, 240), (SockPlugin.Owner, 160) })
        {
            var record = new byte[size];
            new Random(owner).NextBytes(record);
            BitConverter.TryWriteBytes(record.AsSpan(0), owner);
            BitConverter.TryWriteBytes(record.AsSpan(2), (ushort)1);
            for (int cut = 0; cut <= size; cut++)
                _ = dispatcher.Decode(record.AsSpan(0, cut));
        }
    }
}
