using System.IO.Compression;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Values of the running kernel's build configuration, from /proc/config.gz or /boot/config-RELEASE
/// (Debian ships the latter). Only what nettrace needs: HZ, to turn jiffies into seconds.
/// </summary>
internal static class KernelConfig
{
    /// <summary>Debian's and most distributions' choice, used when no config can be read.</summary>
    public const int DefaultHz = 250;

    private static readonly Lazy<int?> s_hz = new(() => ReadHz(Lines()));

    /// <summary>CONFIG_HZ, or null when neither config file is readable.</summary>
    public static int? Hz => s_hz.Value;

    /// <summary>The CONFIG_HZ line's value among a config file's lines.</summary>
    public static int? ReadHz(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            if (line.StartsWith("CONFIG_HZ=", StringComparison.Ordinal) && int.TryParse(line.AsSpan(10), out int hz) && hz > 0)
                return hz;
        }
        return null;
    }

    private static IEnumerable<string> Lines()
    {
        try
        {
            if (File.Exists("/proc/config.gz"))
            {
                using var gz = new GZipStream(File.OpenRead("/proc/config.gz"), CompressionMode.Decompress);
                using var reader = new StreamReader(gz);
                return reader.ReadToEnd().Split('\n');
            }
            // Debian's file is named after the full release ("6.1.0-56-cloud-amd64"), which only uname gives.
            string path = $"/boot/config-{KernelRelease.Read()}";
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [];
        }
    }
}
