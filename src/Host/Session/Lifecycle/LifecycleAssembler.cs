using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Diagnosis;

namespace NetTrace.Host.Session.Lifecycle;

/// <summary>
/// Groups skb trace hits into lifecycles (<see cref="SkbContext"/>): a hit joins the context that owns
/// its skb address, or opens a new one. A context is handed back once all its skbs are freed, when it
/// is the least recently active and too many are open, when it has been idle too long, or at exit.
/// A free of an skb never seen before joins the open context carrying the same packet, else a normal one
/// (not a drop) is left out and counted: see <see cref="LoneFrees"/>.
/// </summary>
internal sealed class LifecycleAssembler
{
    /// <summary>
    /// Open lifecycles kept at most. Under a flood with lost records many never see their free and wait here.
    /// A packet in flight lives micro- to milliseconds, so 8,192 open at once is already an overload, where the
    /// oldest are printed early instead of held.
    /// </summary>
    public const int DefaultMaxOpen = 8192;

    /// <summary>
    /// How many of the most recently active contexts a free of an unknown skb looks for its packet in. A copy is
    /// freed while its original is at work, so the original is among the last active; the bound keeps the search
    /// cheap when thousands are open.
    /// </summary>
    private const int CopySearchDepth = 32;

    private readonly int _maxOpen;
    private readonly Dictionary<ulong, SkbContext> _owners = [];
    private readonly LinkedList<SkbContext> _open = new();

    // Skbs of contexts completed since the last Settle(): a record the kernel held until its function
    // returned (--ret, skb_clone) can arrive after the skb's free and still belongs there.
    private readonly Dictionary<ulong, SkbContext> _settling = [];

    // Printed contexts handed back (Recycle), reused for new packets.
    private readonly Stack<SkbContext> _spare = new();

    /// <param name="maxOpen">
    /// Open contexts kept at most: a missed free (lost record, untraced free path) would otherwise
    /// keep its context, and its memory, for the whole session.
    /// </param>
    public LifecycleAssembler(int maxOpen = DefaultMaxOpen)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpen, 1);
        _maxOpen = maxOpen;
    }

    public int OpenCount => _open.Count;

    /// <summary>Contexts completed early because <c>maxOpen</c> was exceeded.</summary>
    public long Evicted { get; private set; }

    /// <summary>Contexts completed by <see cref="Expire"/>.</summary>
    public long Expired { get; private set; }

    /// <summary>
    /// Print a normal free of an skb never seen before as a context of its own: for sessions that trace no point a
    /// packet passes (<c>-t life</c>), where most packets are first seen as they are freed.
    /// </summary>
    public bool KeepLoneFrees { get; init; }

    /// <summary>
    /// Normal frees (not drops) of skbs never seen before, left out: copies the kernel made where nothing is
    /// traced, or packets already in flight when tracing began. Each carries nothing of a packet's path.
    /// </summary>
    public long LoneFrees { get; private set; }

    /// <summary>Told of each hit left out (a lone free): nothing keeps it, so its decoder may reuse it.</summary>
    public Action<SkbTraceEvent>? Discarded { get; init; }

    /// <summary>Adds a hit; returns the contexts it completed (usually none, at most a few), in completion order.</summary>
    public IReadOnlyList<SkbContext> Add(SkbTraceEvent ev)
    {
        List<SkbContext>? completed = null;
        Add(ev, ref completed);
        return completed ?? (IReadOnlyList<SkbContext>)[];
    }

    /// <summary>Adds a hit and appends the contexts it completed to <paramref name="completed"/>: no list per hit.</summary>
    public void Add(SkbTraceEvent ev, List<SkbContext> completed)
    {
        List<SkbContext>? into = completed;
        Add(ev, ref into);
    }

    /// <summary>
    /// Takes back a context that was handed out and printed: nothing may refer to it any more. Its lists are reused
    /// for a later packet instead of being allocated again.
    /// </summary>
    public void Recycle(SkbContext context)
    {
        if (_spare.Count >= _maxOpen)
            return;
        context.Reset();
        _spare.Push(context);
    }

    private void Add(SkbTraceEvent ev, ref List<SkbContext>? completed)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ulong skb = ev.Meta.Skb;
        // Only a record made when a function returned can be late; any other hit on a just-freed address is a
        // new packet that reused it (a raw socket's clone of a ping reply, with the request's address).
        bool madeAtReturn = (ev.Flags & (SkbTraceFlags.Return | SkbTraceFlags.Clone)) != 0;
        if (madeAtReturn && !_owners.ContainsKey(skb) && (ev.Flags & SkbTraceFlags.First) == 0 && _settling.TryGetValue(skb, out SkbContext? late))
        {
            late.Add(ev);
            return;
        }
        if (ev.IsFree && !_owners.ContainsKey(skb) && AddLoneFree(ev))
            return;
        if (!_owners.TryGetValue(skb, out SkbContext? context))
        {
            context = _spare.Count > 0 ? _spare.Pop() : new SkbContext();
            _open.AddLast(context.OpenNode);
            _owners[skb] = context;
        }
        else
            Touch(context);
        context.Add(ev);

        if (ev.Clone is { } clone && clone != skb)
        {
            // The clone's address still belonging elsewhere means that skb's free was never seen.
            if (_owners.TryGetValue(clone, out SkbContext? stale) && stale != context)
            {
                stale.Release(clone);
                if (stale.IsComplete)
                    Complete(stale, ref completed, settle: true);
            }
            _owners[clone] = context;
        }

        // A freed address may come back for an unrelated packet: it must then open a new context.
        if (ev.IsFree)
            _owners.Remove(skb);

        if (context.IsComplete)
            Complete(context, ref completed, settle: true);
        while (_open.Count > _maxOpen)
        {
            Evicted++;
            Complete(_open.First!.Value, ref completed);
        }
    }

    /// <summary>
    /// An skb first seen as it is freed: without kprobes skb_clone is not traced, so a clone's free is all that is
    /// seen of it (the neighbour probe's copy of a packet waiting for ARP, a packet socket's or a raw socket's copy);
    /// with kprobes it is a copy made by a function not traced, or a packet already in flight at attach. A copy
    /// shares its data with its original, so an identical packet in exactly one open context names the original
    /// and the free joins it. Otherwise a normal free is left out, in every lifecycle mode and on every kernel: as
    /// a context of its own it looks like a packet (and counts toward -c) but shows nothing of one. A drop is
    /// never left out: a packet first seen as it is dropped (an OUTPUT rule on a kernel without kprobes) is the
    /// drop itself. Says whether the hit was consumed here.
    /// </summary>
    private bool AddLoneFree(SkbTraceEvent ev)
    {
        if (ev.Packet is { } packet && FindOriginal(packet) is { } original)
        {
            Touch(original);
            original.Add(ev);
            return true;
        }
        // An XDP program's verdict on a frame (--bpf-progs) is the whole life of a frame no skb was made for yet.
        if (KeepLoneFrees || ev.Trace == SkbRuleEvent.KfreeTrace || ev.Group == Engine.ProgramVerdictTraces.Name)
            return false;
        LoneFrees++;
        Discarded?.Invoke(ev);
        return true;
    }

    /// <summary>
    /// The one context among the most recently active that carries <paramref name="packet"/>; null when none does,
    /// or several do (two packets alike in flight: the evidence does not say whose copy it is). A copy made
    /// before its original was rewritten (NAT) still matches the original's earlier hits.
    /// </summary>
    private SkbContext? FindOriginal(PacketInfo packet)
    {
        SkbContext? found = null;
        int looked = 0;
        for (var node = _open.Last; node is not null && looked < CopySearchDepth; node = node.Previous, looked++)
        {
            if (!Carries(node.Value, packet))
                continue;
            if (found is not null)
                return null;
            found = node.Value;
        }
        return found;
    }

    private static bool Carries(SkbContext context, PacketInfo packet)
    {
        var events = context.Events;
        for (int i = events.Count - 1; i >= 0; i--)
        {
            if (events[i].Packet is { } seen && Same(seen, packet))
                return true;
        }
        return false;
    }

    /// <summary>The same captured bytes when both were kept (--pcap), else the same decoded headers.</summary>
    private static bool Same(PacketInfo a, PacketInfo b) =>
        a.Raw is { } x && b.Raw is { } y ? a.EtherType == b.EtherType && a.WireLength == b.WireLength && x.AsSpan().SequenceEqual(y) : a == b;

    /// <summary>Most recently active last: eviction takes the longest idle and Expire stops at the first active.</summary>
    private void Touch(SkbContext context)
    {
        if (context.OpenNode == _open.Last)
            return;
        _open.Remove(context.OpenNode);
        _open.AddLast(context.OpenNode);
    }

    /// <summary>Completes the contexts with no hit for more than <paramref name="idleNs"/>, oldest first.</summary>
    /// <param name="nowNs">The current CLOCK_MONOTONIC time, the clock of the event timestamps.</param>
    public IReadOnlyList<SkbContext> Expire(ulong nowNs, ulong idleNs)
    {
        List<SkbContext>? completed = null;
        Expire(nowNs, idleNs, ref completed);
        return completed ?? (IReadOnlyList<SkbContext>)[];
    }

    /// <summary>As <see cref="Expire(ulong, ulong)"/>, appending to <paramref name="completed"/>: no list per poll.</summary>
    public void Expire(ulong nowNs, ulong idleNs, List<SkbContext> completed)
    {
        List<SkbContext>? into = completed;
        Expire(nowNs, idleNs, ref into);
    }

    private void Expire(ulong nowNs, ulong idleNs, ref List<SkbContext>? completed)
    {
        // The list runs from the least to the most recently active, so the idle ones are at its head.
        while (_open.First is { } node)
        {
            ulong last = node.Value.LastTimestamp;
            if (nowNs <= last || nowNs - last <= idleNs)
                break;
            Expired++;
            Complete(node.Value, ref completed);
        }
    }

    /// <summary>When <see cref="Expire(ulong, ulong)"/> will first have a context to complete, or null when none is open.</summary>
    public ulong? NextExpiry(ulong idleNs) => _open.First is { } node ? node.Value.LastTimestamp + idleNs : null;

    /// <summary>Completes every open context, oldest first (at exit).</summary>
    public IReadOnlyList<SkbContext> Flush()
    {
        List<SkbContext>? all = null;
        while (_open.First is { } node)
            Complete(node.Value, ref all);
        return all ?? (IReadOnlyList<SkbContext>)[];
    }

    /// <summary>
    /// Ends the grace period of the contexts completed at or before <paramref name="completedBy"/> (all by default):
    /// call it once their late records had their chance to arrive, just before printing them.
    /// </summary>
    public void Settle(ulong completedBy = ulong.MaxValue)
    {
        if (completedBy == ulong.MaxValue)
        {
            _settling.Clear();
            return;
        }
        foreach (var (skb, context) in _settling)
        {
            if (context.CompletedAt <= completedBy)
                _settling.Remove(skb);
        }
    }

    /// <param name="settle">Completed by its frees, so late return records may still join it.</param>
    private void Complete(SkbContext context, ref List<SkbContext>? completed, bool settle = false)
    {
        _open.Remove(context.OpenNode);
        context.CompletedAt = context.LastTimestamp;
        var skbs = context.Skbs;
        for (int i = 0; i < skbs.Count; i++)
        {
            ulong skb = skbs[i];
            if (_owners.TryGetValue(skb, out SkbContext? owner) && owner == context)
                _owners.Remove(skb);
            if (settle)
                _settling[skb] = context;
        }
        (completed ??= []).Add(context);
    }
}
