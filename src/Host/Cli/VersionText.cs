using System.Reflection;

namespace NetTrace.Host.Cli;

/// <summary>The `-V` line: "nettrace 0.1.0", from an assembly's informational version.</summary>
internal static class VersionText
{
    public static string For(Assembly assembly)
    {
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        return Format(version);
    }

    /// <summary>Drops the "+&lt;commit&gt;" the SDK appends to informational versions; users want the release number.</summary>
    public static string Format(string informationalVersion)
    {
        int plus = informationalVersion.IndexOf('+');
        return "nettrace " + (plus >= 0 ? informationalVersion[..plus] : informationalVersion);
    }
}
