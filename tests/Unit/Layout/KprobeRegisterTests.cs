using System.Reflection;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// The kprobe programs read their arguments and return value through bpf_tracing.h's per-architecture macros:
/// the shipped (x86) objects from pt_regs' di, si, dx, cx, r8 and ax, the arm64 build of the same sources
/// (this assembly's own resources, bpf/Bpf.targets with BpfArch=arm64) from user_pt_regs' x0 to x4.
/// </summary>
public sealed class KprobeRegisterTests
{
    private static readonly string[] X86Arguments = ["pt_regs.di", "pt_regs.si", "pt_regs.dx", "pt_regs.cx", "pt_regs.r8"];

    /// <summary>Object, program section, the arguments it reads (1-based), and whether it reads the return value.</summary>
    public static TheoryData<string, string, int[], bool> Reads => new()
    {
        { "engine", "kprobe", [1, 2, 3, 4, 5], false },
        { "engine", "kprobe.multi", [1, 2, 3, 4, 5], false },
        { "engine", "kretprobe", [], true },
        { "engine", "kretprobe.multi", [], true },
        { "netfilter", "kprobe", [1, 2, 3, 4], false },
        { "netfilter", "kprobe.multi", [1, 2, 3, 4], false },
        { "sock", "kprobe", [1, 2, 3], false },
    };

    public static TheoryData<string> Objects => new() { "engine", "probe", "drop", "netfilter", "sock" };

    [Theory]
    [MemberData(nameof(Reads))]
    public void KprobeRegisters_X86Object_ReadsX86Registers(string name, string section, int[] arguments, bool returns)
    {
        var expected = arguments.Select(a => X86Arguments[a - 1]).Concat(returns ? ["pt_regs.ax"] : []);
        Assert.Equal(expected.Order(), RegisterReads(X86Image(name), section));
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public void KprobeRegisters_Arm64Object_ReadsArm64Registers(string name, string section, int[] arguments, bool returns)
    {
        // AAPCS64: arguments in x0-x7, the return value in x0.
        var expected = arguments.Select(a => $"user_pt_regs.regs[{a - 1}]").Concat(returns ? ["user_pt_regs.regs[0]"] : []);
        Assert.Equal(expected.Order(), RegisterReads(Arm64Image(name), section));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Compile_Arm64_SamePrograms(string name)
    {
        Assert.Equal(ProgramNames(X86Image(name), name), ProgramNames(Arm64Image(name), name));
    }

    [Fact]
    public void Compile_Arm64Sample_HasItsTwoPrograms()
    {
        Assert.Equal(["udpd_raw_tp", "udpd_tp_btf"], ProgramNames(Arm64Image("udp_drops"), "udp_drops"));
    }

    private static List<string> RegisterReads(byte[] image, string section)
    {
        using var obj = Open(image, "registers");
        return CoreRelocations.FieldReads(image, obj.Btf)
            .Where(r => r.Section == section && r.Field.Contains("pt_regs.", StringComparison.Ordinal))
            .Select(r => r.Field).Distinct().Order().ToList();
    }

    private static List<string> ProgramNames(byte[] image, string name)
    {
        using var obj = Open(image, name);
        return obj.Programs.Select(p => p.Name).Order().ToList();
    }

    private static BpfObject Open(byte[] image, string name)
    {
        NativeLibraries.Install();
        return BpfObject.Open(image, name);
    }

    private static byte[] Arm64Image(string name) => Image(typeof(KprobeRegisterTests).Assembly, name);

    private static byte[] X86Image(string name) => Image(name switch
    {
        "engine" or "probe" => typeof(SkbTracer).Assembly,
        "drop" => typeof(NetTrace.Plugins.Drop.DropTraceGroup).Assembly,
        "netfilter" => typeof(NetfilterPlugin).Assembly,
        _ => typeof(SockPlugin).Assembly,
    }, name);

    private static byte[] Image(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name + ".bpf.o")
            ?? throw new InvalidOperationException($"{name}.bpf.o is not embedded in {assembly.GetName().Name}");
        return ObjectImage.Read(stream);
    }
}
