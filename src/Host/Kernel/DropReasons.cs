using System.Text.RegularExpressions;
using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>
/// The kernel's drop-reason names, read from the running kernel (BTF enum skb_drop_reason, else
/// the kfree_skb tracepoint format) — never a table of numbers, since every kernel numbers them anew.
/// </summary>
internal sealed partial class DropReasons
{
    private const string Prefix = "SKB_DROP_REASON_";
    private const string SubsysPrefix = "SKB_DROP_REASON_SUBSYS_";

    /// <summary>Reasons with high bits set belong to a subsystem (OPENVSWITCH, MAC80211, ...).</summary>
    private const int SubsysShift = 16;

    private readonly Dictionary<uint, string> _names;
    private readonly Dictionary<uint, string> _subsystems;

    public DropReasons(Dictionary<uint, string> names, Dictionary<uint, string> subsystems)
    {
        _names = names;
        _subsystems = subsystems;
    }

    public static DropReasons None { get; } = new([], []);

    public bool Available => _names.Count > 0;

    public int Count => _names.Count;

    /// <summary>Each reason's value and name, as read (for the boot's saved facts).</summary>
    internal IReadOnlyCollection<KeyValuePair<uint, string>> Entries => _names;

    /// <summary>Each subsystem's number and name.</summary>
    internal IReadOnlyCollection<KeyValuePair<uint, string>> SubsystemEntries => _subsystems;

    /// <summary>Every name once, in the kernel's enum order (by value).</summary>
    public IEnumerable<string> Names => _names.OrderBy(entry => entry.Key).Select(entry => entry.Value);

    public string Name(uint reason)
    {
        if (_names.TryGetValue(reason, out var name))
            return name;
        uint subsys = reason >> SubsysShift;
        if (subsys != 0 && _subsystems.TryGetValue(subsys, out var sub))
            return $"{sub}:{reason & 0xffff}";
        return reason.ToString();
    }

    public static DropReasons Load(BtfReader? btf, string tracefsRoot = "/sys/kernel/tracing")
    {
        if (btf?.Enum("skb_drop_reason") is { } values)
            return new DropReasons(Strip(values, Prefix), Strip(btf.Enum("skb_drop_reason_subsys") ?? [], SubsysPrefix));
        return FromTracepointFormat(Path.Combine(tracefsRoot, "events/skb/kfree_skb/format"));
    }

    private static Dictionary<uint, string> Strip(IReadOnlyList<(string Name, long Value)> values, string prefix)
    {
        var map = new Dictionary<uint, string>();
        foreach (var (name, value) in values)
        {
            if (name.StartsWith(SubsysPrefix, StringComparison.Ordinal) && prefix == Prefix)
                continue;
            map.TryAdd((uint)value, name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name);
        }
        return map;
    }

    /// <summary>Parses the tracepoint's <c>__print_symbolic(REC->reason, { 1, "NOT_SPECIFIED" }, ...)</c>.</summary>
    internal static DropReasons FromTracepointFormat(string formatFile)
    {
        string text;
        try
        {
            text = File.ReadAllText(formatFile);
        }
        catch (IOException)
        {
            return None;
        }
        catch (UnauthorizedAccessException)
        {
            return None;
        }
        var map = new Dictionary<uint, string>();
        int start = text.IndexOf("__print_symbolic(REC->reason", StringComparison.Ordinal);
        if (start < 0)
            return None;
        foreach (Match m in SymbolicEntry().Matches(text, start))
            map.TryAdd(uint.Parse(m.Groups[1].Value), m.Groups[2].Value);
        return new DropReasons(map, []);
    }

    [GeneratedRegex("""\{\s*(\d+),\s*"([A-Z0-9_]+)"\s*\}""")]
    private static partial Regex SymbolicEntry();
}
