using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>
/// An event gives its fields one of two ways, and readers of either see the same values with the same types: a
/// visited field boxes back to the type it was given as (rules and triggers test `is uint`), a listed one is visited
/// typed.
/// </summary>
public sealed class EventFieldsTests
{
    [Fact]
    public void Fields_OfAVisitingEvent_BoxEachValueAsItsOwnType()
    {
        var drop = MonitorEvents.Drop(null, reason: 2, location: 0x10);
        var sock = MonitorEvents.Sock("tcp_send_reset", "10.0.0.1", 43582, "10.0.0.2", 80);

        var dropFields = ((ITraceEvent)drop).Fields;
        var sockFields = ((ITraceEvent)sock).Fields;

        Assert.Equal([new("location", 0x10UL), new("reason", 2u), new("stack_id", -1)], dropFields);
        Assert.IsType<ushort>(sockFields.Find("sport"));
        Assert.Equal("10.0.0.1", sockFields.Find("saddr"));
        Assert.Null(sockFields.Find("reset_reason"));
        Assert.IsType<bool>(sockFields.Find("rtt_measured"));
    }

    [Fact]
    public void VisitFields_OfAListingEvent_GivesTypedValues()
    {
        var ev = new FakeEvent("x", null, new("n", (ushort)7), new("s", "text"), new("none", null), new("neg", -3L), new("d", 0.5));
        var seen = new Recorder();

        ((ITraceEvent)ev).VisitFields(seen);

        Assert.Equal([("n", FieldKind.UInt16), ("s", FieldKind.String), ("none", FieldKind.None), ("neg", FieldKind.Int64), ("d", FieldKind.Other)],
            seen.Kinds);
        Assert.Equal(7UL, seen.Values[0].Unsigned);
        Assert.Equal(-3L, seen.Values[3].Signed);
        Assert.Equal(0.5, seen.Values[4].Box());
    }

    [Fact]
    public void FieldValue_EveryKind_BoxesBackToItsType()
    {
        object?[] values = [true, (byte)1, (ushort)2, 3u, 4UL, (sbyte)-5, (short)-6, -7, -8L, "nine", null, TimeSpan.FromSeconds(1)];

        Assert.Equal(values, values.Select(v => FieldValue.From(v).Box()));
        Assert.Equal(values.Select(v => v?.GetType()), values.Select(v => FieldValue.From(v).Box()?.GetType()));
    }

    [Fact]
    public void Fields_EventImplementingNeither_FailsInsteadOfRecursing()
    {
        ITraceEvent ev = new Bare();

        var e = Assert.Throws<InvalidOperationException>(() => ev.Fields);

        Assert.Contains("VisitFields", e.Message);
    }

    private sealed class Recorder : IEventFieldVisitor
    {
        public List<(string, FieldKind)> Kinds { get; } = [];
        public List<FieldValue> Values { get; } = [];

        public void Field(string name, FieldValue value)
        {
            Kinds.Add((name, value.Kind));
            Values.Add(value);
        }
    }

    private sealed class Bare : ITraceEvent
    {
        public string Trace => "bare";
        public PacketMeta Meta => default;
        public PacketInfo? Packet => null;
    }
}
