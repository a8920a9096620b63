using System.Globalization;

namespace NetTrace.Host.Kernel;

/// <summary>
/// What every tracing session needs before anything is loaded. Checked up front so a missing privilege or
/// kernel BTF is one plain sentence instead of the first BPF call's errno.
/// </summary>
internal static class HostRequirements
{
    private const int CapSysAdmin = 21, CapPerfmon = 38, CapBpf = 39;

    /// <summary>Throws <see cref="UnmetRequirementException"/> naming the first thing missing.</summary>
    /// <param name="btfPath">--btf-path, when given: its own failure says all there is to say.</param>
    /// <param name="btfKnown">What the session needs from the BTF was saved earlier in the boot (<see cref="DropStartFacts"/>).</param>
    public static void Check(KernelBtf? btf, string? btfFailure, string? btfPath = null, bool btfKnown = false)
    {
        if (!HasPrivileges(File.Exists("/proc/self/status") ? File.ReadAllText("/proc/self/status") : ""))
            throw new UnmetRequirementException(
                "loading BPF programs needs root (or CAP_BPF with CAP_PERFMON): run nettrace as root or through sudo");
        if (btfKnown)
            return;
        if (btf is null && btfPath is not null)
            throw new UnmetRequirementException(btfFailure ?? $"--btf-path {btfPath}: no BTF could be read from it");
        if (btf is null)
            throw new UnmetRequirementException(
                $"{btfFailure ?? "the kernel's BTF cannot be read"}: nettrace needs /sys/kernel/btf/vmlinux (Linux 5.4 or later built with CONFIG_DEBUG_INFO_BTF=y), or the kernel's BTF in a file given with --btf-path");
    }

    /// <summary>CAP_SYS_ADMIN, or CAP_BPF and CAP_PERFMON together, in the effective set of /proc/self/status.</summary>
    public static bool HasPrivileges(string procStatus)
    {
        foreach (string line in procStatus.Split('\n'))
        {
            if (!line.StartsWith("CapEff:", StringComparison.Ordinal))
                continue;
            if (!ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong caps))
                return true; // unreadable: let the kernel be the judge
            bool Has(int cap) => (caps & (1UL << cap)) != 0;
            return Has(CapSysAdmin) || (Has(CapBpf) && Has(CapPerfmon));
        }
        return true;
    }
}
