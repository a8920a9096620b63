using System.Buffers.Text;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Kernel address → <c>function+0xoffset</c>, from /proc/kallsyms. Its 100k+ lines are read as bytes and each
/// name stays bytes until it is first looked up: no string per symbol, so the load costs a fraction of what it
/// would (seconds under emulation) and a session only pays for the few functions its events name.
/// </summary>
internal sealed class KallsymsSymbolizer
{
    private readonly ulong[] _addresses;
    private readonly int[] _nameStarts; // into _names, each name ending at the next '\n'
    private readonly byte[] _names;
    private readonly string?[] _decoded;

    private KallsymsSymbolizer(ulong[] addresses, int[] nameStarts, byte[] names)
    {
        _addresses = addresses;
        _nameStarts = nameStarts;
        _names = names;
        _decoded = new string?[addresses.Length];
    }

    /// <summary>False when the kernel hides addresses (kptr_restrict) or kallsyms is unreadable.</summary>
    public bool Available => _addresses.Length > 0;

    public static KallsymsSymbolizer Load(string path = "/proc/kallsyms")
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Parse([]);
        }
    }

    internal static KallsymsSymbolizer Parse(TextReader reader) => Parse(Encoding.UTF8.GetBytes(reader.ReadToEnd()));

    /// <summary>Reads "address type name [module]" lines, keeping text symbols only.</summary>
    internal static KallsymsSymbolizer Parse(byte[] text)
    {
        var addresses = new List<ulong>(text.Length / 40);
        var starts = new List<int>(text.Length / 40);
        var names = new MemoryStream(text.Length / 3);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            int eol = rest.IndexOf((byte)'\n');
            var line = eol < 0 ? rest : rest[..eol];
            rest = eol < 0 ? [] : rest[(eol + 1)..];
            int sp1 = line.IndexOf((byte)' ');
            if (sp1 <= 0 || sp1 + 3 >= line.Length || line[sp1 + 2] != ' ')
                continue;
            if (line[sp1 + 1] is not ((byte)'t' or (byte)'T' or (byte)'w' or (byte)'W'))
                continue;
            if (!Utf8Parser.TryParse(line[..sp1], out ulong address, out int used, 'x') || used != sp1 || address == 0)
                continue;
            var name = line[(sp1 + 3)..];
            int end = name.IndexOfAny((byte)'\t', (byte)' ');
            addresses.Add(address);
            starts.Add((int)names.Length);
            names.Write(end < 0 ? name : name[..end]);
            names.WriteByte((byte)'\n');
        }
        var addressArray = addresses.ToArray();
        var startArray = starts.ToArray();
        // kallsyms lists the kernel's functions in address order already; modules may follow out of order.
        if (!IsSorted(addressArray))
            Array.Sort(addressArray, startArray);
        return new KallsymsSymbolizer(addressArray, startArray, names.ToArray());
    }

    /// <summary>The symbol containing <paramref name="address"/>, or null.</summary>
    public (string Name, ulong Offset)? Lookup(ulong address)
    {
        int i = Array.BinarySearch(_addresses, address);
        if (i < 0)
            i = ~i - 1;
        if (i < 0)
            return null;
        return (_decoded[i] ??= Decode(_nameStarts[i]), address - _addresses[i]);
    }

    public string Symbolize(ulong address) =>
        Lookup(address) is { } hit ? $"{hit.Name}+0x{hit.Offset:x}" : $"0x{address:x}";

    private string Decode(int start)
    {
        var name = _names.AsSpan(start);
        return Encoding.UTF8.GetString(name[..name.IndexOf((byte)'\n')]);
    }

    private static bool IsSorted(ulong[] addresses)
    {
        for (int i = 1; i < addresses.Length; i++)
        {
            if (addresses[i] < addresses[i - 1])
                return false;
        }
        return true;
    }
}
