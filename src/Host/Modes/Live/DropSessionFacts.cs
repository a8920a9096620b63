using NetTrace.Bpf;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A --drop session and the boot's saved facts (<see cref="DropStartFacts"/>): the first --drop of a boot leaves them
/// once its object's subset is made; the next ones take them in place of the kernel's BTF.
/// </summary>
internal static class DropSessionFacts
{
    /// <summary>
    /// Whether the session may run on the saved facts: --drop alone needs nothing else from the BTF; not with --btf-path
    /// (another BTF), -t ? (which reads the BTF) or NETTRACE_NO_CORE_SUBSET=1 (libbpf relocates against the whole BTF).
    /// </summary>
    public static bool Usable(SessionOptions options) =>
        options.Mode == TraceMode.Drop && options.BtfPath is null && !TraceTree.IsRequested(options)
        && Environment.GetEnvironmentVariable(KernelCoreBtf.DisableVariable) != "1";

    /// <summary>The objects' CO-RE subsets from <paramref name="facts"/>, until disposed (after the objects loaded).</summary>
    public static IDisposable Use(DropStartFacts facts, Action<string> verbose)
    {
        verbose("kernel BTF not read: the drop reasons and the drop object's types are this boot's saved ones (/run/nettrace)");
        var saved = new SavedCoreBtf(facts.Subsets) { Report = verbose };
        BpfObject.CoreBtf = saved;
        return new InUse(saved);
    }

    /// <summary>Leaves the facts for the boot once the session's first object has its subset (the group's, in --drop).</summary>
    public static void LeaveWhenMade(KernelCoreBtf core, DropReasons reasons)
    {
        int left = 0;
        core.SubsetMade = (_, typeNames, subset) =>
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
                DropStartFacts.LeaveForBoot(reasons, typeNames, subset);
        };
    }

    private sealed class InUse(SavedCoreBtf saved) : IDisposable
    {
        public void Dispose()
        {
            if (BpfObject.CoreBtf == saved)
                BpfObject.CoreBtf = null;
            saved.Dispose();
        }
    }
}
