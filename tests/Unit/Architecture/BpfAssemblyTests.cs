using Mono.Cecil;
using NetTrace.Bpf;
using NetTrace.Host.Cli;

namespace NetTrace.Tests.Unit.Architecture;

/// <summary>
/// NetTrace.Bpf is the only assembly that calls native code, and it sits below the host: it refers to nothing of
/// nettrace's, its raw interop (Interop/, and the SafeHandles of Handles/ that expose raw pointers) is internal, and
/// nettrace.dll declares no P/Invoke of its own. The compiler keeps internal types out of reach; these tests keep
/// them internal, and keep native calls from growing back in the host. See docs/architecture.md.
/// </summary>
public sealed class BpfAssemblyTests
{
    private const string BpfNamespace = "NetTrace.Bpf";
    private static readonly string[] RawNamespaces = [BpfNamespace + ".Interop", BpfNamespace + ".Handles"];

    private static string HostPath => typeof(SessionRunner).Assembly.Location;

    private static string BpfPath => typeof(BpfObject).Assembly.Location;

    [Fact]
    public void Bpf_AssemblyReferences_OnlyTheAbstractionsOfNetTrace()
    {
        using var bpf = ModuleDefinition.ReadModule(BpfPath);

        var ours = bpf.AssemblyReferences.Select(a => a.Name)
            .Where(name => name.StartsWith("NetTrace", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Equal(["NetTrace.Abstractions"], ours);
    }

    [Fact]
    public void Bpf_TypeReferences_NoneFromTheHost()
    {
        using var bpf = ModuleDefinition.ReadModule(BpfPath);

        var host = bpf.GetTypeReferences().Select(OuterMost)
            .Where(t => t.Namespace.StartsWith("NetTrace.Host", StringComparison.Ordinal) || t.Scope.Name == "nettrace")
            .Select(t => t.FullName).Distinct().ToList();

        Assert.True(host.Count == 0, "NetTrace.Bpf must not depend on the host, yet refers to:\n" + string.Join("\n", host));
    }

    [Fact]
    public void Bpf_PublicTypes_NoneInInteropOrHandles()
    {
        using var bpf = ModuleDefinition.ReadModule(BpfPath);

        var exposed = bpf.GetTypes().Where(IsVisibleOutside).Where(t => IsRaw(OuterMost(t))).Select(t => t.FullName).ToList();

        Assert.True(exposed.Count == 0,
            "raw interop of NetTrace.Bpf is public; keep it internal and give the host a typed member instead:\n" + string.Join("\n", exposed));
    }

    [Fact]
    public void Host_TypeReferences_NoneToRawInterop()
    {
        using var host = ModuleDefinition.ReadModule(HostPath);

        var raw = host.GetTypeReferences().Select(OuterMost)
            .Where(t => t.Scope.Name == BpfNamespace && IsRaw(t))
            .Select(t => t.FullName).Distinct().ToList();

        Assert.True(raw.Count == 0, "nettrace.dll refers to NetTrace.Bpf's raw interop:\n" + string.Join("\n", raw));
    }

    /// <summary>None of libbpf's above all, and none of libc's either since FileStatus and SignalDisposition exist.</summary>
    [Fact]
    public void Host_PInvokes_None()
    {
        var imports = PInvokes(HostPath);

        Assert.True(imports.Count == 0,
            "nettrace.dll declares P/Invokes; native calls belong in NetTrace.Bpf, behind a typed member:\n" + string.Join("\n", imports));
    }

    /// <summary>The check above would pass on a reader that sees no P/Invoke at all: it must see NetTrace.Bpf's.</summary>
    [Fact]
    public void Bpf_PInvokes_IncludeLibbpfAndLibc()
    {
        var modules = PInvokes(BpfPath).Select(i => i.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("libbpf.so.1", modules);
        Assert.Contains("libc.so.6", modules);
    }

    /// <summary>"module method" for every method of the assembly that is a P/Invoke ([DllImport], or the stub [LibraryImport] generates).</summary>
    private static List<string> PInvokes(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return module.GetTypes().SelectMany(t => t.Methods)
            .Where(m => m.HasPInvokeInfo)
            .Select(m => $"{m.PInvokeInfo.Module.Name} {m.DeclaringType.FullName}::{m.Name}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsRaw(TypeReference type) =>
        RawNamespaces.Any(ns => type.Namespace == ns || type.Namespace.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>Public, and (when nested) inside types that are all public too.</summary>
    private static bool IsVisibleOutside(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (!(t.IsPublic || t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamilyOrAssembly))
                return false;
        }
        return true;
    }

    private static TypeReference OuterMost(TypeReference type)
    {
        while (type.IsNested && type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }
}
