using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Security;

/// <summary>nettrace runs as root: plugins and .rules files others could change are refused unless --unsafe-plugins.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileTrustTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>A copy of a built plugin in its own folder, as --plugins DIR takes it.</summary>
    private static string PluginCopy()
    {
        string source = Path.Combine(Path.GetDirectoryName(NettraceProcess.ExecutablePath)!, "plugins", "NetTrace.Plugins.Tcp");
        string dir = Directory.CreateTempSubdirectory("nt-plugin").FullName;
        string target = Path.Combine(dir, "NetTrace.Plugins.Tcp");
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        return dir;
    }

    [RootFact]
    public void Plugin_GroupWritable_RefusedInOneLine()
    {
        string dir = PluginCopy();
        try
        {
            string dll = Path.Combine(dir, "NetTrace.Plugins.Tcp", "NetTrace.Plugins.Tcp.dll");
            File.SetUnixFileMode(dll, (UnixFileMode)0b110_110_100);

            using var run = NettraceProcess.RunToExit(Limit, "--plugins", dir, "-t", "?");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Equal($"nettrace: refusing plugin {dll}: {dll} is writable by its group (--unsafe-plugins overrides this for development)",
                run.Stderr.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Plugin_OwnedBySomeoneElse_RefusedUnlessUnsafe()
    {
        string dir = PluginCopy();
        try
        {
            string folder = Path.Combine(dir, "NetTrace.Plugins.Tcp");
            Shell.Run($"chown -R 65534 {folder}");

            using var refused = NettraceProcess.RunToExit(Limit, "--plugins", dir, "-t", "?");
            using var allowed = NettraceProcess.RunToExit(Limit, "--plugins", dir, "--unsafe-plugins", "-t", "?");

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Matches(@"^nettrace: refusing plugin .*NetTrace\.Plugins\.Tcp\.dll: .* belongs to uid 65534, not root", refused.Stderr.Trim());
            Assert.DoesNotContain("refusing", allowed.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Plugin_UnsafeFlagOnlyAsAnotherOptionsValue_StillRefused()
    {
        string dir = PluginCopy();
        try
        {
            string dll = Path.Combine(dir, "NetTrace.Plugins.Tcp", "NetTrace.Plugins.Tcp.dll");
            File.SetUnixFileMode(dll, (UnixFileMode)0b110_110_100);

            // "--unsafe-plugins" is --output's file name here (written in dir), not the flag.
            using var run = NettraceProcess.RunToExitUnder(Limit, ["env", "-C", dir, "{nettrace}"],
                "--plugins", dir, "--output", "--unsafe-plugins", "-t", "?");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Equal($"nettrace: refusing plugin {dll}: {dll} is writable by its group (--unsafe-plugins overrides this for development)",
                run.Stderr.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public void Rules_OthersWritable_Refused()
    {
        string dir = Directory.CreateTempSubdirectory("nt-rules").FullName;
        string file = Path.Combine(dir, "team.rules");
        File.WriteAllText(file, "rule team on kfree_skb\n  error \"x\"\n");
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(file, (UnixFileMode)0b110_100_110);
        try
        {
            using var run = NettraceProcess.RunToExit(Limit, "--diag", "--rules", dir);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Equal($"nettrace: refusing rules file {file}: {file} is writable by others (--unsafe-plugins overrides this for development)",
                run.Stderr.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
