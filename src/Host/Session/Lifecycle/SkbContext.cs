using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Session.Lifecycle;

/// <summary>
/// The lifecycle of one followed packet: the skb it started as plus every clone made of it, and the
/// hits of all of them. It is complete once every one of those skbs has been freed.
/// </summary>
internal sealed class SkbContext
{
    /// <summary>Past this many skbs or hits, a reused context starts with fresh collections (see <see cref="Reset"/>).</summary>
    private const int KeptCapacity = 64;

    private List<ulong> _skbs = [];
    private HashSet<ulong> _alive = [];
    private List<SkbTraceEvent> _events = [];

    public SkbContext() => OpenNode = new LinkedListNode<SkbContext>(this);

    /// <summary>Every skb address that took part, in order of appearance.</summary>
    public IReadOnlyList<ulong> Skbs => _skbs;

    /// <summary>The hits, in arrival order.</summary>
    public IReadOnlyList<SkbTraceEvent> Events => _events;

    public ulong FirstTimestamp { get; private set; } = ulong.MaxValue;

    public ulong LastTimestamp { get; private set; }

    /// <summary>When the assembler completed it: its last hit's time then (the clock of the timestamps).</summary>
    public ulong CompletedAt { get; internal set; }

    /// <summary>Last minus first timestamp: the seed's "processing time" for --min-latency.</summary>
    public ulong Latency => _events.Count == 0 ? 0 : LastTimestamp - FirstTimestamp;

    /// <summary>True when every skb of the context has been freed (or has left it).</summary>
    public bool IsComplete => _events.Count > 0 && _alive.Count == 0;

    /// <summary>The assembler's place for this context in its age order; lets it unlink in O(1).</summary>
    internal LinkedListNode<SkbContext> OpenNode { get; }

    public bool IsAlive(ulong skb) => _alive.Contains(skb);

    /// <summary>Empty again, for the assembler to reuse once the lifecycle was printed (its lists keep their capacity).</summary>
    internal void Reset()
    {
        // Clearing a set costs its capacity, not its count: one that grew for a packet with many clones (or an skb
        // whose frees went missing) would slow every later reuse, so it is dropped instead.
        if (_skbs.Capacity > KeptCapacity || _alive.EnsureCapacity(0) > KeptCapacity || _events.Capacity > KeptCapacity)
        {
            _skbs = [];
            _alive = [];
            _events = [];
        }
        else
        {
            _skbs.Clear();
            _alive.Clear();
            _events.Clear();
        }
        FirstTimestamp = ulong.MaxValue;
        LastTimestamp = 0;
        CompletedAt = 0;
    }

    /// <summary>Records a hit: its skb and any clone it made are alive, unless the hit freed the skb.</summary>
    public void Add(SkbTraceEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        _events.Add(ev);
        ulong ts = ev.Meta.Timestamp;
        FirstTimestamp = Math.Min(FirstTimestamp, ts);
        LastTimestamp = Math.Max(LastTimestamp, ts);

        ulong skb = ev.Meta.Skb;
        Join(skb);
        if (ev.Clone is { } clone && clone != skb)
            Join(clone);
        if (ev.IsFree)
            _alive.Remove(skb);
    }

    /// <summary>
    /// The address now belongs to another lifecycle: its free was missed and the kernel reused it.
    /// It stays in <see cref="Skbs"/> because this context's events still name it.
    /// </summary>
    public void Release(ulong skb) => _alive.Remove(skb);

    private void Join(ulong skb)
    {
        if (!_skbs.Contains(skb))
            _skbs.Add(skb);
        _alive.Add(skb);
    }
}
