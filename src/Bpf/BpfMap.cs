using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>A map inside a <see cref="BpfObject"/>; valid while the object is.</summary>
public sealed unsafe class BpfMap
{
    private readonly BpfObject _owner;
    private readonly nint _map;

    internal BpfMap(BpfObject owner, nint map, string name)
    {
        _owner = owner;
        _map = map;
        Name = name;
    }

    /// <summary>The map's name in the object (libbpf's own maps: "&lt;object&gt;.rodata"...).</summary>
    public string Name { get; }

    private nint Pointer
    {
        get
        {
            _ = _owner.Pointer;
            return _map;
        }
    }

    /// <summary>The map's file descriptor once created (at load), else negative.</summary>
    public int Fd => LibBpf.bpf_map__fd(Pointer);

    /// <summary>The size of one value as declared (per CPU, for a per-CPU map).</summary>
    public uint ValueSize => LibBpf.bpf_map__value_size(Pointer);

    /// <summary>The kernel's enum bpf_map_type value (BPF_MAP_TYPE_LRU_HASH is 9).</summary>
    public int Type => LibBpf.bpf_map__type(Pointer);

    /// <summary>How many entries the map holds at most.</summary>
    public uint MaxEntries => LibBpf.bpf_map__max_entries(Pointer);

    /// <summary>One of libbpf's own maps for a data section (.rodata, .bss...), not declared in ".maps".</summary>
    public bool IsInternal => LibBpf.bpf_map__is_internal(Pointer);

    /// <summary>Resizes the map before load.</summary>
    public void SetMaxEntries(uint entries) =>
        BpfErrors.Check(LibBpf.bpf_map__set_max_entries(Pointer, entries), BpfStage.Configure, $"map {Name} size");

    /// <summary>
    /// The map's initial contents (.rodata/.data/.bss) as libbpf's own memory, writable until load.
    /// </summary>
    internal Span<byte> InitialValue()
    {
        if (_owner.IsLoaded)
            throw new InvalidOperationException($"map {Name} configured after load");
        nuint size;
        void* value = LibBpf.bpf_map__initial_value(Pointer, &size);
        if (value == null)
            throw new BpfException(BpfStage.Configure, $"map {Name} initial value", BpfErrors.EINVAL);
        return new Span<byte>(value, checked((int)size));
    }

    /// <summary>Looks a key up; false when absent.</summary>
    public bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            int rc = LibBpf.bpf_map__lookup_elem(Pointer, k, (nuint)key.Length, v, (nuint)value.Length, 0);
            if (rc == -BpfErrors.ENOENT)
                return false;
            BpfErrors.Check(rc, BpfStage.Poll, $"map {Name} lookup");
            return true;
        }
    }

    /// <summary>Makes this (not yet created) map share <paramref name="other"/>'s kernel map instead of creating its own.</summary>
    public void ReuseFd(BpfMap other)
    {
        if (_owner.IsLoaded)
            throw new InvalidOperationException($"map {Name} shared after load");
        BpfErrors.Check(LibBpf.bpf_map__reuse_fd(Pointer, other.Fd), BpfStage.Configure, $"map {Name} shared with {other.Name}");
    }

    /// <summary>Writes one element (after load).</summary>
    public void Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
            BpfErrors.Check(LibBpf.bpf_map__update_elem(Pointer, k, (nuint)key.Length, v, (nuint)value.Length, 0), BpfStage.Load, $"map {Name} update");
    }

    /// <summary>Sets slot <paramref name="index"/> of a program array to <paramref name="program"/> (a tail-call target).</summary>
    public void SetProgram(uint index, BpfProgram program)
    {
        int fd = program.Fd;
        BpfErrors.Check(LibBpf.bpf_map__update_elem(Pointer, &index, sizeof(uint), &fd, sizeof(int), 0), BpfStage.Load, $"map {Name} slot {index}");
    }

    /// <summary>How many values a per-CPU map holds for one key: the kernel's possible CPUs, as libbpf counts them.</summary>
    public static int PossibleCpus => Math.Max(LibBpf.libbpf_num_possible_cpus(), 0);

    /// <summary>A per-CPU u64 value, one entry per possible CPU (zeros when absent).</summary>
    public ulong[] PerCpu(uint key)
    {
        int cpus = PossibleCpus;
        var values = new ulong[cpus];
        if (cpus > 0 && !TryLookup(BitConverter.GetBytes(key), System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())))
            Array.Clear(values);
        return values;
    }

    /// <summary>A per-CPU u64 counter summed over the CPUs (0 when absent).</summary>
    public ulong SumPerCpu(uint key)
    {
        ulong sum = 0;
        foreach (ulong v in PerCpu(key))
            sum += v;
        return sum;
    }
}
