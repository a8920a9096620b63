using System.Diagnostics;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Plugins;

/// <summary>
/// The udp-drops sample (samples/plugins/udp-drops) built by its own build.sh, as a vendor would, into a temporary
/// plugin folder owned by root and writable by nobody else (so nettrace's file trust accepts it). Built once, on first
/// use, for every test of the class; removed afterwards.
/// </summary>
public sealed class SamplePluginBuild : IDisposable
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    private readonly Lazy<string> _directory = new(Build);

    /// <summary>The folder to pass to --plugins: it holds Contoso.NetTrace.UdpDrops/Contoso.NetTrace.UdpDrops.dll.</summary>
    public string Directory => _directory.Value;

    /// <summary>The sample's source folder.</summary>
    public static string SampleRoot => Path.Combine(RepositoryRoot(), "samples", "plugins", "udp-drops");

    private static string Build()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("nt-sample-plugin").FullName;
        // Against the contracts beside the nettrace under test, as a vendor builds against the installed ones.
        string contracts = Path.Combine(Path.GetDirectoryName(NettraceProcess.ExecutablePath)!, "NetTrace.Abstractions.dll");
        // Not Shell.Run: its 30 s limit is too short for a cold dotnet build on a busy machine.
        var psi = new ProcessStartInfo(Path.Combine(SampleRoot, "build.sh"), [dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NETTRACE_ABSTRACTIONS"] = contracts },
        };
        using var build = Process.Start(psi)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(BuildLimit))
        {
            build.Kill(true);
            throw new TimeoutException($"{psi.FileName} did not finish in {BuildLimit}");
        }
        string log = stdout.Result + stderr.Result;
        Assert.True(build.ExitCode == 0 && File.Exists(Path.Combine(dir, "Contoso.NetTrace.UdpDrops", "Contoso.NetTrace.UdpDrops.dll")), log);
        Shell.Run($"chown -R root:root '{dir}' && chmod -R go-w '{dir}'");
        return dir;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetTraceFramework.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root from " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        if (_directory.IsValueCreated)
            System.IO.Directory.Delete(_directory.Value, recursive: true);
    }
}
