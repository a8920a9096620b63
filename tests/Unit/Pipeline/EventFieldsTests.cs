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
    public void Get_FindsOneFieldTyped_WithoutAllocating()
    {
        ITraceEvent drop = MonitorEvents.Drop(null, reason: 2, location: 0x10);
        ITraceEvent sock = MonitorEvents.Sock("tcp_send_reset", "10.0.0.1", 43582, "10.0.0.2", 80);
        drop.Get("reason"); // the thread's finder, made once

        long before = GC.GetAllocatedBytesForCurrentThread();
        var reason = drop.Get("reason");
        var location = drop.Get("location");
        var missing = drop.Get("no_such_field");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var absent = sock.Get("reset_reason"); // (the socket event formats its addresses as it visits them)

        Assert.Equal((FieldKind.UInt32, 2UL), (reason.Kind, reason.Unsigned));
        Assert.Equal((FieldKind.UInt64, 0x10UL), (location.Kind, location.Unsigned));
        Assert.True(missing.IsNone);
        Assert.True(absent.IsNone);
        Assert.Equal("10.0.0.1", sock.Get("saddr").Text);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Get_FromInsideAnotherLookup_UsesItsOwnFinder()
    {
        ITraceEvent inner = MonitorEvents.Drop(null, reason: 5, location: 0x20);
        var outer = new Nesting(inner);

        var a = ((ITraceEvent)outer).Get("a");

        Assert.Equal(1UL, a.Unsigned);
        Assert.Equal(5UL, outer.InnerReason.Unsigned);
    }

    [Fact]
    public void FieldValue_ToInt64AndToDouble_ReadEveryNumberKind()
    {
        Assert.Equal(-8L, FieldValue.From(-8L).ToInt64());
        Assert.Equal(3L, FieldValue.From(3u).ToInt64());
        Assert.Throws<OverflowException>(() => FieldValue.From(ulong.MaxValue).ToInt64());
        Assert.Equal(2.0, FieldValue.From((ushort)2).ToDouble());
        Assert.Equal(-6.0, FieldValue.From((short)-6).ToDouble());
        Assert.Equal(0.5, FieldValue.From(0.5).ToDouble());
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

    /// <summary>An event whose fields read another event's field while they are visited.</summary>
    private sealed class Nesting(ITraceEvent inner) : ITraceEvent
    {
        public FieldValue InnerReason { get; private set; }

        public string Trace => "nesting";
        public PacketMeta Meta => default;
        public PacketInfo? Packet => null;

        public void VisitFields(IEventFieldVisitor visitor)
        {
            InnerReason = inner.Get("reason");
            visitor.Field("a", 1u);
        }
    }

    private sealed class Bare : ITraceEvent
    {
        public string Trace => "bare";
        public PacketMeta Meta => default;
        public PacketInfo? Packet => null;
    }
}
