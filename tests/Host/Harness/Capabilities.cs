namespace NetTrace.Tests.Host.Harness;

public static class Capabilities
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("EUID") == "0" || GetEuid() == 0;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kernel can attach kprobes (its kprobe PMU exists); this project's host kernel cannot.</summary>
    /// <summary>The running kernel's BTF names this enum (its string table holds the name).</summary>
    public static bool KernelHasEnum(string name) =>
        File.Exists("/sys/kernel/btf/vmlinux") &&
        System.Text.Encoding.ASCII.GetString(File.ReadAllBytes("/sys/kernel/btf/vmlinux")).Contains("\0" + name + "\0", StringComparison.Ordinal);

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
