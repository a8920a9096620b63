namespace NetTrace.Tests.Host.Harness;

public static class Capabilities
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("EUID") == "0" || GetEuid() == 0;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kernel can attach kprobes (its kprobe PMU exists); this project's host kernel cannot.</summary>
    public static bool HasKprobes => Directory.Exists("/sys/bus/event_source/devices/kprobe");

    private static uint GetEuid()
    {
        // /proc/self/status "Uid: real effective saved fs"
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]);
        return uint.MaxValue;
    }
}
