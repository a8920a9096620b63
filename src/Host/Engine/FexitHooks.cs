using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;

namespace NetTrace.Host.Engine;

/// <summary>
/// --monitor's fexit programs: a trampoline calls one straight after the function returns, with its arguments
/// and return value, so a call costs one program run and one rule test instead of a kprobe, a kretprobe and a
/// record held in a map between them. Each program is bound to its function at load time; the engine has
/// <see cref="FexitSlots.Count"/> of them.
/// </summary>
internal static class FexitHooks
{
    /// <summary>
    /// The hooks that go on trampolines: functions watched for their return, under their own name (a
    /// compiler-made variant such as <c>name.isra.0</c> has no BTF of its own), that the kernel can carry
    /// (<paramref name="targets"/>); a plugin's entry only when its group has an fexit flavour
    /// (<see cref="AttachTarget.ReturnProgram"/>). The engine's at most <see cref="FexitSlots.Count"/>.
    /// </summary>
    public static List<PlannedHook> Choose(IEnumerable<PlannedHook> functions, Func<string, bool>? targets)
    {
        if (targets is null)
            return [];
        var eligible = functions.Where(h => h.WithReturn && (h.Cookie & (ulong)EngineCookie.Clone) == 0
                                            && h.Point == h.Target.Target && (!h.IsPluginEntry || h.Target.ReturnProgram is not null)
                                            && targets(h.Point)).ToList();
        return [.. eligible.Where(h => !h.IsPluginEntry).Take(FexitSlots.Count), .. eligible.Where(h => h.IsPluginEntry)];
    }

    /// <summary>
    /// The functions a trampoline can carry on this kernel: described by its BTF, with no more arguments than
    /// x86-64 trampolines save (6 before 6.3, 12 since; other architectures are held to 6); null before 5.19. A
    /// module's function (nft_do_chain, ipt_do_table...) is found by libbpf in the module's own BTF when the kernel
    /// exports module BTF: it is taken on trust there (the catalogue's module functions take few arguments), and a
    /// refusal at load falls back to kretprobes as a whole.
    /// </summary>
    public static Func<string, bool>? Carries(BtfReader btf, Version release)
    {
        // The programs read the return with bpf_get_func_ret (5.17) and plugins' traces from the attach cookie (5.19).
        if (release < new Version(5, 19))
            return null;
        int most = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64
                   && release >= new Version(6, 3) ? 12 : 6;
        bool moduleBtf = ModuleBtfExported();
        return name => btf.FunctionArgCount(name) is int count ? count <= most : moduleBtf;
    }

    /// <summary>Whether the kernel exports its modules' BTF beside its own (/sys/kernel/btf/MODULE).</summary>
    private static bool ModuleBtfExported()
    {
        try
        {
            return Directory.EnumerateFiles("/sys/kernel/btf").Any(f => Path.GetFileName(f) != "vmlinux");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Loads only the engine's slots in use, each bound to its function (slot i to hooks[i]), and writes their cookies.</summary>
    public static void Configure(BpfObject obj, IReadOnlyList<PlannedHook> hooks)
    {
        var config = new FexitSlots();
        for (int slot = 0; slot < hooks.Count; slot++)
        {
            var program = obj.Program(FexitSlots.Program(slot));
            program.SetAutoload(true);
            program.SetAttachTarget(hooks[slot].Point);
            config.Cookie[slot] = hooks[slot].Cookie;
            config.SkbArg[slot] = (byte)hooks[slot].Trace.Spec.SkbArg;
        }
        RodataVariable.Write(obj, FexitSlots.VariableName, config);
    }

    /// <summary>One link per slot <see cref="Configure"/> bound (the same list); a refusal leaves that trace out and says why.</summary>
    public static void Attach(BpfObject obj, IReadOnlyList<PlannedHook> hooks, List<BpfLink> links, List<PlannedHook> attached,
        List<SkippedTrace> failed)
    {
        for (int slot = 0; slot < hooks.Count; slot++)
        {
            var hook = hooks[slot];
            try
            {
                links.Add(obj.Program(FexitSlots.Program(slot)).Attach(AttachKind.Fexit, hook.Point));
                attached.Add(hook with { OnTrampoline = true });
            }
            catch (BpfException e)
            {
                failed.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, $"fexit: {e.Message.Split('\n')[0]}")));
            }
        }
    }
}
