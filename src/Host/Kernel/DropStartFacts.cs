using System.Text;
using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>
/// What a --drop session needs from the kernel's BTF, kept for the boot (<see cref="BootCache"/>): the drop reasons'
/// names and the CO-RE subset of the drop object. The first --drop of a boot parses the BTF (5-6 MB, a tenth of a
/// second under emulation, the longest wait of its start) and leaves these; the next ones read 50 KB instead.
/// BTF changes only at boot, and the key covers the modules, whose types a subset may hold.
/// </summary>
internal sealed class DropStartFacts(DropReasons reasons, IReadOnlyDictionary<string, byte[]> subsets)
{
    private const string CachePrefix = "drop-btf";
    private static ReadOnlySpan<byte> Magic => "NTDROP01"u8;

    public DropReasons Reasons { get; } = reasons;

    /// <summary>The saved subsets by the kernel type names of their objects (<see cref="KernelCoreBtf.TypeNamesKey"/>).</summary>
    public IReadOnlyDictionary<string, byte[]> Subsets { get; } = subsets;

    /// <summary>This boot's facts, as an earlier --drop left them, or null.</summary>
    public static DropStartFacts? ForBoot() => BootCache.Read(CachePrefix, "bin", Read);

    /// <summary>Leaves the facts for the boot's next sessions, in the background (the session that made them need not wait).</summary>
    public static void LeaveForBoot(DropReasons reasons, string typeNames, byte[] subset) =>
        Leaving = Task.Run(() =>
        {
            if (!reasons.Available || BootCache.FileFor(CachePrefix, "bin") is not { } file)
                return;
            var facts = new DropStartFacts(reasons, new Dictionary<string, byte[]> { [typeNames] = subset });
            if (BootCache.TryWrite(file, facts.Write))
                BootCache.RemoveOthers(CachePrefix, file);
        });

    /// <summary>The last write begun in the background (tests wait for it).</summary>
    internal static Task Leaving { get; private set; } = Task.CompletedTask;

    internal void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        WriteNames(writer, Reasons.Entries);
        WriteNames(writer, Reasons.SubsystemEntries);
        writer.Write(Subsets.Count);
        foreach (var (key, bytes) in Subsets)
        {
            writer.Write(key);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    /// <summary>The facts in <paramref name="stream"/>, or null when it holds something else or is cut short.</summary>
    internal static DropStartFacts? Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return null;
            var names = ReadNames(reader);
            var subsystems = ReadNames(reader);
            int count = reader.ReadInt32();
            var subsets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                int length = reader.ReadInt32();
                byte[] bytes = reader.ReadBytes(length);
                if (bytes.Length != length)
                    return null;
                subsets[key] = bytes;
            }
            return names.Count > 0 ? new DropStartFacts(new DropReasons(names, subsystems), subsets) : null;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static void WriteNames(BinaryWriter writer, IReadOnlyCollection<KeyValuePair<uint, string>> names)
    {
        writer.Write(names.Count);
        foreach (var (value, name) in names)
        {
            writer.Write(value);
            writer.Write(name);
        }
    }

    private static Dictionary<uint, string> ReadNames(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var names = new Dictionary<uint, string>(count);
        for (int i = 0; i < count; i++)
            names[reader.ReadUInt32()] = reader.ReadString();
        return names;
    }
}
