using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>Names of the running kernel's enum values, read from its BTF once per enum.</summary>
internal sealed class KernelEnums(BtfReader? btf)
{
    private readonly Dictionary<string, Dictionary<long, string>?> _enums = new(StringComparer.Ordinal);

    public string? Name(string enumType, long value)
    {
        if (btf is null)
            return null;
        if (!_enums.TryGetValue(enumType, out var values))
        {
            values = btf.Enum(enumType)?.GroupBy(e => e.Value).ToDictionary(g => g.Key, g => g.First().Name);
            _enums[enumType] = values;
        }
        return values is not null && values.TryGetValue(value, out string? name) ? name : null;
    }
}
