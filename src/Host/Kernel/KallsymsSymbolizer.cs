using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Kernel address → <c>function+0xoffset</c>. The kernel image's and modules' symbols come from the boot's
/// snapshot (<see cref="KallsymsSnapshot"/>) once a session has read /proc/kallsyms: making the kernel format its
/// 100k+ lines costs 0.1 s of CPU here and a second under emulation, and a drop monitor's first drop would pay it
/// while traffic runs. Addresses the snapshot does not cover (BPF programs, trampolines) are looked up in a live
/// read, made at most once per session. (A session that resolves kernel functions leaves the snapshot too.)
/// </summary>
internal sealed class KallsymsSymbolizer
{
    private readonly KallsymsTable _table;
    private readonly KallsymsSnapshot? _snapshot; // null: _table is a live read and covers every address
    private readonly Lazy<KallsymsTable>? _live;

    private KallsymsSymbolizer(KallsymsTable table, KallsymsSnapshot? snapshot = null, Lazy<KallsymsTable>? live = null)
    {
        _table = table;
        _snapshot = snapshot;
        _live = live;
    }

    /// <summary>False when the kernel hides addresses (kptr_restrict) or kallsyms is unreadable.</summary>
    public bool Available => _table.Count > 0;

    /// <summary>Whether the kernel's and modules' symbols come from the boot's snapshot (tests).</summary>
    internal bool FromBootSnapshot => _snapshot is not null;

    /// <summary>From the boot's snapshot when there is one, else from a live read that leaves one for the next session.</summary>
    public static KallsymsSymbolizer Load()
    {
        KallsymsSnapshot.Leaving.Wait(); // one being made now is nearly there: reading kallsyms again would take longer
        if (KallsymsSnapshot.ForBoot() is { } snapshot)
            return FromSnapshot(snapshot, () => KallsymsTable.Parse(KernelFunctions.ReadKallsyms()));
        byte[] text = KernelFunctions.ReadKallsyms();
        var live = KallsymsTable.Parse(text);
        if (live.Count > 0)
            KallsymsSnapshot.LeaveForBoot(text);
        return new KallsymsSymbolizer(live);
    }

    /// <summary>
    /// <see cref="Load"/>, saying in one line when the kernel hides its addresses from this process: in a container
    /// without CAP_SYSLOG (perf_event_paranoid above 1, or kptr_restrict) every location would print as a bare address.
    /// </summary>
    public static KallsymsSymbolizer Load(Action<string> warn)
    {
        var symbols = Load();
        if (!symbols.Available)
            warn("/proc/kallsyms hides kernel addresses from this process (it lacks CAP_SYSLOG): drop locations and stacks print as addresses");
        return symbols;
    }

    internal static KallsymsSymbolizer Parse(TextReader reader) => new(KallsymsTable.Parse(Encoding.UTF8.GetBytes(reader.ReadToEnd())));

    internal static KallsymsSymbolizer FromSnapshot(KallsymsSnapshot snapshot, Func<KallsymsTable> live) =>
        new(snapshot.Table, snapshot, new Lazy<KallsymsTable>(live));

    /// <summary>The symbol containing <paramref name="address"/>, or null.</summary>
    public (string Name, ulong Offset)? Lookup(ulong address)
    {
        var table = _snapshot is null || _snapshot.Covers(address) ? _table : _live!.Value;
        int i = table.IndexOf(address);
        return i < 0 ? null : (table.Name(i), address - table.Addresses[i]);
    }

    public string Symbolize(ulong address) =>
        Lookup(address) is { } hit ? $"{hit.Name}+0x{hit.Offset:x}" : $"0x{address:x}";
}
