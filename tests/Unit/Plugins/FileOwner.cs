using System.Diagnostics;
using System.Globalization;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>chown for tests of ownership checks (the unit tests run as root).</summary>
internal static class FileOwner
{
    public const uint Nobody = 65534;

    public static void Chown(string path, uint uid)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", [uid.ToString(CultureInfo.InvariantCulture), path])
        {
            RedirectStandardError = true,
        })!;
        string error = chown.StandardError.ReadToEnd();
        chown.WaitForExit();
        Assert.True(chown.ExitCode == 0, $"chown {uid} {path}: {error} (the unit tests run as root)");
    }
}
