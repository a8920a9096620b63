using System.Runtime.InteropServices;

namespace NetTrace.Host.Kernel;

/// <summary>
/// The text symbols of the kernel image and of loaded modules, with the address ranges they cover, as kept for the
/// boot (<see cref="BootCache"/>). Symbols of BPF programs, trampolines and the like come and go within a boot, so
/// they are left out, and an address outside <see cref="Covers"/> must be looked up in a live read.
/// </summary>
internal sealed class KallsymsSnapshot(KallsymsTable table, KallsymsSnapshot.Range[] covered)
{
    public readonly record struct Range(ulong Start, ulong End);

    private static ReadOnlySpan<byte> Magic => "NTKSYM01"u8;
    private const string CachePrefix = "kallsyms";

    /// <summary>This boot's snapshot, as an earlier session left it, or null.</summary>
    public static KallsymsSnapshot? ForBoot() => BootCache.Read(CachePrefix, "bin", Read);

    /// <summary>
    /// Leaves the snapshot of a live read of /proc/kallsyms for the boot's next sessions (replacing one of other
    /// modules), in the background: making and writing it costs 30 ms on the host, which a start need not wait for.
    /// </summary>
    public static void LeaveForBoot(byte[] kallsyms) => Leaving = Task.Run(() => Write(kallsyms));

    private static void Write(byte[] kallsyms)
    {
        if (BootCache.FileFor(CachePrefix, "bin") is not { } file)
            return;
        var made = From(kallsyms);
        if (made.Table.Count > 0 && BootCache.TryWrite(file, made.Write))
            BootCache.RemoveOthers(CachePrefix, file);
    }

    /// <summary>The last snapshot begun in the background (the symbolizer and tests wait for it).</summary>
    internal static Task Leaving { get; private set; } = Task.CompletedTask;

    public KallsymsTable Table { get; } = table;

    /// <summary>The kernel image's text, and each module's from its first symbol to its last one's start.</summary>
    public IReadOnlyList<Range> Covered => covered;

    public bool Covers(ulong address)
    {
        foreach (var range in covered)
        {
            if (address >= range.Start && address < range.End)
                return true;
        }
        return false;
    }

    /// <summary>The part of a live /proc/kallsyms that holds for the boot.</summary>
    public static KallsymsSnapshot From(ReadOnlySpan<byte> kallsyms)
    {
        // Two passes, no list of tuples (generic code the JIT would compile): the ranges first, then the symbols in them.
        ulong stext = 0, etext = 0;
        var modules = new Dictionary<string, Range>(StringComparer.Ordinal);
        ReadOnlySpan<byte> lastModule = default;
        string key = "";
        foreach (var line in kallsyms.Split((byte)'\n'))
        {
            if (!KallsymsTable.TryReadText(kallsyms[line], out ulong address, out var name, out var module))
                continue;
            if (module.IsEmpty)
            {
                if (name.SequenceEqual("_stext"u8))
                    stext = address;
                else if (name.SequenceEqual("_etext"u8))
                    etext = address;
            }
            else if (IsModule(module))
            {
                // A module's symbols come together: one string per module, not per symbol.
                if (!module.SequenceEqual(lastModule))
                {
                    lastModule = module;
                    key = System.Text.Encoding.UTF8.GetString(module);
                }
                modules[key] = modules.TryGetValue(key, out var r)
                    ? new Range(Math.Min(r.Start, address), Math.Max(r.End, address))
                    : new Range(address, address);
            }
        }
        var covered = new List<Range>();
        if (stext != 0 && etext > stext)
            covered.Add(new Range(stext, etext));
        foreach (var range in modules.Values)
        {
            if (range.End > range.Start)
                covered.Add(range);
        }
        // The image's symbols outside its text (init text, freed after boot) are left to the live read.
        var table = KallsymsTable.Parse(kallsyms, (address, module) => module.IsEmpty ? address >= stext && address <= etext : IsModule(module));
        return new KallsymsSnapshot(table, covered.ToArray());
    }

    /// <summary>A module's symbols; "[bpf]", "[__builtin__ftrace]" and the like are the kernel's own, made at run time.</summary>
    private static bool IsModule(ReadOnlySpan<byte> module) =>
        !module.SequenceEqual("bpf"u8) && !module.StartsWith("__builtin"u8);

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(Table.Count);
        writer.Write(Table.Names.Length);
        writer.Write(covered.Length);
        writer.Write(MemoryMarshal.AsBytes(Table.Addresses.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(Table.NameStarts.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(covered.AsSpan()));
        writer.Write(Table.Names);
    }

    /// <summary>
    /// A snapshot <see cref="Write"/> made, read straight into its arrays (a few MB: no second copy under emulation),
    /// or null when <paramref name="stream"/> holds something else.
    /// </summary>
    public static KallsymsSnapshot? Read(Stream stream)
    {
        const int header = 20;
        Span<byte> head = stackalloc byte[header];
        if (stream.ReadAtLeast(head, header, throwOnEndOfStream: false) != header || !head[..8].SequenceEqual(Magic))
            return null;
        int count = BitConverter.ToInt32(head[8..]), namesLength = BitConverter.ToInt32(head[12..]), ranges = BitConverter.ToInt32(head[16..]);
        if (count <= 0 || namesLength <= 0 || ranges <= 0 ||
            (long)header + count * 12L + ranges * 16L + namesLength != stream.Length)
            return null;
        var addresses = new ulong[count];
        var starts = new int[count];
        var covered = new Range[ranges];
        var names = new byte[namesLength];
        stream.ReadExactly(MemoryMarshal.AsBytes(addresses.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(starts.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(covered.AsSpan()));
        stream.ReadExactly(names);
        foreach (int start in starts)
        {
            if (start < 0 || start >= names.Length)
                return null;
        }
        return new KallsymsSnapshot(new KallsymsTable(addresses, starts, names), covered);
    }
}
