using System.Reflection;
using NetTrace.Bpf;

namespace NetTrace.Host.Session;

/// <summary>
/// The `-V` lines: "nettrace 0.1.0", from an assembly's informational version, then what a bug report needs:
/// the commit, the build date, the .NET runtime and the libbpf it loads.
/// </summary>
internal static class VersionText
{
    public static string For(Assembly assembly)
    {
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        return Format(version);
    }

    public static string BuildInfo(Assembly assembly)
    {
        string? commit = Split(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "").Commit;
        commit = commit is { Length: > 0 } c ? c[..Math.Min(c.Length, 12)] : "unknown";
        string built = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value ?? "unknown";
        return $"commit {commit}, built {built}, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}, libbpf {NativeLibraries.LibBpfVersion() ?? "not found"}";
    }

    /// <summary>Drops the "+&lt;commit&gt;" the SDK appends to informational versions; users want the release number.</summary>
    public static string Format(string informationalVersion) => "nettrace " + Split(informationalVersion).Release;

    /// <summary>"0.1.0+4f2a9c1d" → ("0.1.0", "4f2a9c1d"): the SDK appends the commit after a '+'.</summary>
    private static (string Release, string? Commit) Split(string informationalVersion)
    {
        int plus = informationalVersion.IndexOf('+');
        return plus < 0 ? (informationalVersion, null) : (informationalVersion[..plus], informationalVersion[(plus + 1)..]);
    }
}
