using System.Runtime.Loader;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// Every BPF object nettrace ships, relocated by libbpf once against the kernel's whole BTF and once against the
/// subset KernelCoreBtf hands it: the loaded programs' instructions must be the same, so every CO-RE relocation found
/// the same offset, size or existence in both. Programs the host refuses to load (fentry, fexit) are left out.
/// </summary>
public sealed class CoreBtfSubsetTests
{
    private const byte LoadImmediate64 = 0x18;

    [RootFact]
    public void EveryShippedObject_RelocatesTheSameAgainstItsSubset()
    {
        NativeLibraries.Install();
        using var kernel = VmlinuxBtf.TryLoad() ?? throw new InvalidOperationException("no kernel BTF");
        using var core = KernelCoreBtf.From(kernel) ?? throw new InvalidOperationException("the kernel's BTF could not be indexed");
        var decisions = new List<string>();
        core.Report = decisions.Add;
        int compared = 0;
        foreach (var (name, image) in ShippedObjects())
        {
            string? subset = core.PathFor(image, name);
            if (subset is null)
            {
                // Only an object naming a module's type may go without (the kernel's build decides which those are).
                Assert.DoesNotContain(name, new[] { "drop", "nt_engine" });
                continue;
            }
            var whole = Relocated(image, name, null);
            var viaSubset = Relocated(image, name, subset);
            Assert.Equal(whole.Keys.Order(), viaSubset.Keys.Order());
            foreach (var (program, instructions) in whole)
                Assert.True(instructions.SequenceEqual(viaSubset[program]), $"{name}/{program} relocates differently against its subset");
            compared += whole.Count;
        }
        Assert.True(compared > 20, $"only {compared} programs compared: {string.Join("; ", decisions)}");
    }

    [RootFact]
    public void DropObject_NeedsNoKernelBtfBeyondItsSubset()
    {
        NativeLibraries.Install();
        using var kernel = VmlinuxBtf.TryLoad()!;
        using var core = KernelCoreBtf.From(kernel)!;
        string? report = null;
        core.Report = r => report = r;

        var image = ShippedObjects().Single(o => o.Name == "drop").Image;
        string? path = core.PathFor(image, "drop");

        Assert.NotNull(path);
        Assert.Matches(@"^drop: CO-RE against \d+ kernel types, \d+ with their parts, \d+ KB$", report);
        // The same names again: the same file, not a second one.
        Assert.Equal(path, core.PathFor(image, "drop"));
    }

    /// <summary>Each autoloaded program's relocated instructions, map references blanked (their fds differ per load).</summary>
    private static Dictionary<string, ulong[]> Relocated(byte[] image, string name, string? btfPath)
    {
        using var obj = BpfObject.Open(image, name, btfPath);
        foreach (var program in obj.Programs)
            program.SetAutoload(!program.AttachesByBtfId);
        obj.Load();
        return obj.Programs.Where(p => p.Autoload).ToDictionary(p => p.Name, p => WithoutMapFds(p.Instructions()));
    }

    private static ulong[] WithoutMapFds(ulong[] instructions)
    {
        for (int i = 0; i + 1 < instructions.Length; i++)
        {
            ulong insn = instructions[i];
            bool pseudo = ((insn >> 12) & 0xf) != 0; // src_reg of a 64-bit load: a map fd, a map value, a BTF id
            if ((insn & 0xff) == LoadImmediate64 && pseudo)
            {
                instructions[i] = insn & 0xffffffff;
                instructions[++i] &= 0xffffffff;
            }
        }
        return instructions;
    }

    /// <summary>The engine's objects and every built-in plugin's, by the names the host opens them with.</summary>
    internal static IEnumerable<(string Name, byte[] Image)> ShippedObjects()
    {
        yield return ("nt_engine", ObjectImage.Embedded(typeof(SkbTracer).Assembly, "engine.bpf.o"));
        string plugins = Path.Combine(Path.GetDirectoryName(NettraceProcess.ExecutablePath)!, "plugins");
        foreach (string dir in Directory.EnumerateDirectories(plugins).Order(StringComparer.Ordinal))
        {
            // A context of its own: the drop plugin is also this test assembly's reference, loaded from elsewhere.
            var context = new AssemblyLoadContext(dir, isCollectible: true);
            var assembly = context.LoadFromAssemblyPath(Path.Combine(dir, Path.GetFileName(dir) + ".dll"));
            foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.EndsWith(".bpf.o", StringComparison.Ordinal)))
                yield return (resource[..^".bpf.o".Length], ObjectImage.Embedded(assembly, resource));
            context.Unload();
        }
    }
}
