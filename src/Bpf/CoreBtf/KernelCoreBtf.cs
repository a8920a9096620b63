using System.Buffers;
using NetTrace.Bpf.CoreBtf;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// For each BPF object, the part of the kernel's BTF its CO-RE relocations can reach, handed to libbpf as the
/// object's btf_custom_path. libbpf otherwise reads and parses all of /sys/kernel/btf/vmlinux once per object (5-6 MB,
/// 120k-odd types) and searches all of it per relocated type, which is much of a light mode's load under emulation.
/// The subset is taken from the BTF nettrace has already parsed, by the names of the kernel types the object's own
/// BTF declares, looked up as libbpf does: in the kernel's types, then, for a name the kernel lacks, in the loaded
/// modules' (read once, when first needed). Objects with programs that attach by BTF id (fentry, fexit, tp_btf)
/// still make libbpf read the kernel's BTF for the attach point; their relocations use the subset (ADR 6).
/// </summary>
public sealed class KernelCoreBtf : ICoreTypeSource, IDisposable
{
    /// <summary>Set to 1, every object is relocated against the kernel's whole BTF (a comparison, a workaround).</summary>
    public const string DisableVariable = "NETTRACE_NO_CORE_SUBSET";

    private const string OwnTypePrefix = "nt_"; // the objects' own structs, never the kernel's

    private const string ModulesDirectory = "/sys/kernel/btf";

    private readonly RawBtf _kernel;
    private readonly BtfNameIndex _names;
    private readonly Lazy<List<ModuleBtf>> _modules;
    private readonly FunctionBtfIds _functions;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string?> _paths = [];
    private readonly AnonymousFiles _files = new();

    private KernelCoreBtf(RawBtf kernel)
    {
        _kernel = kernel;
        _names = new BtfNameIndex(kernel);
        _modules = new Lazy<List<ModuleBtf>>(() => ReadModules(kernel));
        _functions = new FunctionBtfIds(kernel, () => _modules.Value);
    }

    /// <summary>
    /// Where a fentry/fexit program on <paramref name="function"/> attaches: its BTF id and the fd of the module BTF that
    /// holds it (0: the kernel's own), or null when neither the kernel nor a loaded module has it.
    /// </summary>
    public (uint Id, int ObjectFd)? FindFunction(string function) => _functions.Find(function);

    /// <summary>
    /// `-t kernel`: every function that takes an skb in its first <paramref name="maxArgs"/> arguments, from the kernel's
    /// types read here and the modules' (read once, shared with the CO-RE lookups).
    /// </summary>
    public IReadOnlyList<SkbFunction> SkbFunctions(int maxArgs) =>
        KernelSkbFunctions.From(_kernel, _modules.Value.Select(m => (m.Name, m.Types.Btf)), maxArgs);

    /// <summary>What <see cref="PathFor"/> decided for each object (for -v): "drop: 9 kernel types, 212 with their parts".</summary>
    public Action<string>? Report { get; set; }

    /// <summary>
    /// Told of each subset made: the object's name, its kernel type names (<see cref="TypeNamesKey"/>) and the subset,
    /// so a session can leave it for the boot's next ones (<see cref="SavedCoreBtf"/>).
    /// </summary>
    public Action<string, string, byte[]>? SubsetMade { get; set; }

    /// <summary>Indexes <paramref name="kernel"/>'s types, read in place (keep it alive while this is used); null when disabled or unreadable.</summary>
    public static unsafe KernelCoreBtf? From(VmlinuxBtf kernel)
    {
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1")
            return null;
        uint size;
        void* data = LibBpf.btf__raw_data(kernel.Reader.Pointer, &size);
        if (data is null)
            return null;
        var bytes = new NativeBytes((byte*)data, (int)size);
        return RawBtf.TryRead(bytes.Memory) is { } raw ? new KernelCoreBtf(raw) : null;
    }

    /// <summary>The path of the subset for the object <paramref name="elfImage"/> (one file per distinct set of type names), or null.</summary>
    public string? PathFor(ReadOnlySpan<byte> elfImage, string objectName)
    {
        if (TypeNames(elfImage) is not { } names)
            return Decided(objectName, null, "its BTF could not be read");
        string key = string.Join(' ', names);
        lock (_lock)
        {
            if (_paths.TryGetValue(key, out string? known))
                return Decided(objectName, known, "the same types as an object before it");
        }
        var roots = new List<BtfType>();
        int fromModules = 0;
        var absent = new List<string>();
        foreach (string name in names)
        {
            // As libbpf looks: the kernel's own types first, the modules' only for a name the kernel lacks.
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(name);
            int before = roots.Count;
            foreach (int id in _names.Find(bytes))
                roots.Add(new BtfType(_kernel, id));
            if (roots.Count == before)
            {
                foreach (var module in _modules.Value)
                {
                    foreach (int id in module.Types.Find(bytes))
                        roots.Add(new BtfType(module.Types.Btf, id));
                }
                if (roots.Count > before)
                    fromModules++;
            }
            // A type found nowhere stays out: libbpf finds no candidate for it, as it would in the whole BTF, and
            // a relocation guarded by bpf_core_*_exists() reads 0.
            if (roots.Count == before)
                absent.Add(name);
        }
        var subset = BtfSubset.Copy(roots, out int copied);
        if (subset is null)
            return Remember(key, objectName, null, "a type it names cannot be copied");
        string? path = _files.Write(subset);
        if (path is not null)
            SubsetMade?.Invoke(objectName, key, subset);
        return Remember(key, objectName, path, path is null
            ? "no anonymous file could be made"
            : $"{names.Count - absent.Count} kernel types{(fromModules > 0 ? $" ({fromModules} from modules)" : "")}, "
              + $"{copied} with their parts, {subset.Length / 1024} KB{(absent.Count > 0 ? $"; not in this kernel: {string.Join(' ', absent)}" : "")}");
    }

    /// <summary>The kernel type names the object <paramref name="elfImage"/> relocates against, as one key; null when its BTF is unreadable.</summary>
    public static string? TypeNamesKey(ReadOnlySpan<byte> elfImage) => TypeNames(elfImage) is { } names ? string.Join(' ', names) : null;

    private static List<string>? TypeNames(ReadOnlySpan<byte> elfImage) =>
        RawBtf.TryRead(ElfSection.Find(elfImage, ".BTF").ToArray()) is { } local ? KernelTypeNames(local) : null;

    /// <summary>The essential names (flavour suffix "___x" cut) of the kernel types the object declares, sorted.</summary>
    private static List<string> KernelTypeNames(RawBtf local)
    {
        var names = new List<string>();
        for (int id = 1; id <= local.Count; id++)
        {
            if (!BtfNameIndex.IsRootKind(local.Kind(id)))
                continue;
            string name = local.Name(id);
            int flavour = name.IndexOf("___", StringComparison.Ordinal);
            if (flavour > 0)
                name = name[..flavour];
            if (name.Length > 0 && !name.StartsWith(OwnTypePrefix, StringComparison.Ordinal))
                names.Add(name);
        }
        // Sorted and distinct (a sorted set's tree walk would be generic code compiled on the start's path).
        names.Sort(StringComparer.Ordinal);
        int kept = 0;
        for (int i = 0; i < names.Count; i++)
        {
            if (kept == 0 || names[i] != names[kept - 1])
                names[kept++] = names[i];
        }
        names.RemoveRange(kept, names.Count - kept);
        return names;
    }

    /// <summary>The loaded modules' BTF (split: each continues the kernel's), read once an object names a type the kernel lacks.</summary>
    internal static List<ModuleBtf> ReadModules(RawBtf kernel)
    {
        var modules = new List<ModuleBtf>();
        if (!Directory.Exists(ModulesDirectory))
            return modules;
        foreach (string file in Directory.EnumerateFiles(ModulesDirectory).Where(f => Path.GetFileName(f) != "vmlinux").Order(StringComparer.Ordinal))
        {
            try
            {
                if (RawBtf.TryRead(File.ReadAllBytes(file), kernel) is { } module)
                    modules.Add(new ModuleBtf(Path.GetFileName(file), new BtfNameIndex(module)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A module unloaded meanwhile: its types are not there to relocate against.
            }
        }
        return modules;
    }

    private string? Remember(string key, string objectName, string? path, string why)
    {
        lock (_lock)
            _paths[key] = path;
        return Decided(objectName, path, why);
    }

    private string? Decided(string objectName, string? path, string why)
    {
        Report?.Invoke(path is null
            ? $"{objectName}: CO-RE against the kernel's whole BTF: {why}"
            : $"{objectName}: CO-RE against {why}");
        return path;
    }

    /// <summary>Closes the files; objects opened since then must have been loaded already.</summary>
    public void Dispose()
    {
        _files.Dispose();
        lock (_lock)
            _paths.Clear();
        _functions.Dispose();
    }

    /// <summary>Native memory as <see cref="Memory{T}"/>, without a copy; valid while its owner keeps it.</summary>
    private sealed unsafe class NativeBytes(byte* pointer, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
