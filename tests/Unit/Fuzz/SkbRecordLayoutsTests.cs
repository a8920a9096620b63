using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Fuzz;

/// <summary>
/// The skb tracer's record as the kernel writes it today (with skb->mark) and as recording format 1 holds it
/// (without): both decode, the old one with no mark, each with its extra in the right place.
/// </summary>
public sealed class SkbRecordLayoutsTests
{
    private const int Prefix = 208;

    private static EventDispatcher Dispatcher()
    {
        var trace = new CatalogTrace(1, CatalogueGroups.All[0], CatalogueGroups.All[0].Traces[0]);
        var hook = new PlannedHook(trace, trace.Spec.Targets[0], "point", 0, 1, false);
        return new EventDispatcher(new List<TraceGroup> { new SkbEventDecoder([hook]).AsGroup() });
    }

    /// <summary>A hit of trace 1 whose fixed part is <paramref name="fixedSize"/> bytes, with or without an extra.</summary>
    private static byte[] Record(int fixedSize, SkbTraceFlags flags, uint mark, bool extra)
    {
        var bytes = new byte[Prefix + fixedSize + (extra ? SkbExtraRecord.Size : 0)];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), SkbTraceRecord.Owner);
        BitConverter.TryWriteBytes(bytes.AsSpan(2), SkbTraceRecord.Kind);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), (uint)bytes.Length);
        var record = new SkbTraceRecord { Trace = 1, Flags = flags | (extra ? SkbTraceFlags.Extra : 0) | SkbTraceFlags.NoPacket, StackId = -1, Mark = mark };
        var full = new byte[Marshal.SizeOf<SkbTraceRecord>()];
        MemoryMarshal.Write(full, in record);
        full.AsSpan(0, fixedSize).CopyTo(bytes.AsSpan(Prefix));
        if (extra)
            bytes[Prefix + fixedSize] = (byte)SkbExtraKind.Listener; // the extra's kind, its first byte
        return bytes;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CurrentRecord_CarriesTheMark(bool extra)
    {
        var ev = Assert.IsType<SkbTraceEvent>(Dispatcher().Decode(Record(Marshal.SizeOf<SkbTraceRecord>(), SkbTraceFlags.Mark, 0x2a, extra))!.Value.Event);

        Assert.Equal(0x2au, ev.Mark);
        Assert.Equal(extra ? SkbExtraKind.Listener : null, ev.Extra?.Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FormatOneRecord_HasNoMarkAndItsExtraWhereItWas(bool extra)
    {
        var ev = Assert.IsType<SkbTraceEvent>(Dispatcher().Decode(Record(SkbTraceRecord.LegacySize, SkbTraceFlags.None, 0x2a, extra))!.Value.Event);

        Assert.Null(ev.Mark);
        Assert.Equal(extra ? SkbExtraKind.Listener : null, ev.Extra?.Kind);
    }

    [Fact]
    public void MarkZero_IsAMarkButNoJsonField()
    {
        var ev = Assert.IsType<SkbTraceEvent>(Dispatcher().Decode(Record(Marshal.SizeOf<SkbTraceRecord>(), SkbTraceFlags.Mark, 0, false))!.Value.Event);

        Assert.Equal(0u, ev.Mark);
        Assert.Null(ev.Fields.Single(f => f.Key == "mark").Value);
    }
}
