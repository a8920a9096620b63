using System.Buffers.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Text symbols of /proc/kallsyms in address order. Names stay bytes until first looked up: no string per symbol,
/// so a load costs a fraction of what it would (seconds under emulation) and a session only pays for the few
/// functions its events name.
/// </summary>
internal sealed class KallsymsTable
{
    public KallsymsTable(ulong[] addresses, int[] nameStarts, byte[] names)
    {
        Addresses = addresses;
        NameStarts = nameStarts;
        Names = names;
        _decoded = new string?[addresses.Length];
    }

    public ulong[] Addresses { get; }

    /// <summary>Where each name starts in <see cref="Names"/>; a name ends at the next '\n'.</summary>
    public int[] NameStarts { get; }

    public byte[] Names { get; }

    private readonly string?[] _decoded;

    public int Count => Addresses.Length;

    /// <summary>Whether a text symbol at <paramref name="address"/> of <paramref name="module"/> (empty: the kernel image) is kept.</summary>
    public delegate bool Keep(ulong address, ReadOnlySpan<byte> module);

    /// <summary>Reads "address type name [module]" lines, keeping text symbols only (those <paramref name="keep"/> takes).</summary>
    public static KallsymsTable Parse(ReadOnlySpan<byte> text, Keep? keep = null)
    {
        var addresses = new List<ulong>(text.Length / 40);
        var starts = new List<int>(text.Length / 40);
        var names = new MemoryStream(text.Length / 3);
        var rest = text;
        while (!rest.IsEmpty)
        {
            int eol = rest.IndexOf((byte)'\n');
            var line = eol < 0 ? rest : rest[..eol];
            rest = eol < 0 ? [] : rest[(eol + 1)..];
            if (!TryReadText(line, out ulong address, out var name, out var module) || keep?.Invoke(address, module) == false)
                continue;
            addresses.Add(address);
            starts.Add((int)names.Length);
            names.Write(name);
            names.WriteByte((byte)'\n');
        }
        var addressArray = addresses.ToArray();
        var startArray = starts.ToArray();
        // kallsyms lists the kernel's functions in address order already; modules may follow out of order.
        if (!IsSorted(addressArray))
            Array.Sort(addressArray, startArray);
        return new KallsymsTable(addressArray, startArray, names.ToArray());
    }

    /// <summary>
    /// One line's text symbol: its address, name and the module in brackets after it (empty for the kernel
    /// image). False for other symbols, malformed lines and hidden (zero) addresses.
    /// </summary>
    public static bool TryReadText(ReadOnlySpan<byte> line, out ulong address, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> module)
    {
        address = 0;
        name = module = default;
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0 || sp1 + 3 >= line.Length || line[sp1 + 2] != ' ')
            return false;
        if (line[sp1 + 1] is not ((byte)'t' or (byte)'T' or (byte)'w' or (byte)'W'))
            return false;
        if (!Utf8Parser.TryParse(line[..sp1], out address, out int used, 'x') || used != sp1 || address == 0)
            return false;
        name = line[(sp1 + 3)..];
        int end = name.IndexOfAny((byte)'\t', (byte)' ');
        if (end < 0)
            return true;
        var tail = name[end..].Trim("\t "u8);
        name = name[..end];
        if (tail.Length > 2 && tail[0] == '[' && tail[^1] == ']')
            module = tail[1..^1];
        return true;
    }

    /// <summary>The index of the symbol containing <paramref name="address"/>, or -1.</summary>
    public int IndexOf(ulong address)
    {
        int i = Array.BinarySearch(Addresses, address);
        return i >= 0 ? i : ~i - 1;
    }

    public string Name(int index) => _decoded[index] ??= System.Text.Encoding.UTF8.GetString(NameBytes(index));

    /// <summary>The name's bytes, without decoding it.</summary>
    public ReadOnlySpan<byte> NameBytes(int index)
    {
        var name = Names.AsSpan(NameStarts[index]);
        return name[..name.IndexOf((byte)'\n')];
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
