namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// A test that needs root (BPF, network namespaces). Outside CI it is skipped with the reason when
/// not root; in CI (CI=true) it always runs, so a missing capability fails instead of hiding.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Capabilities.IsRoot && !Capabilities.IsCi)
            Skip = "needs root: run ./test.sh as root or with sudo";
    }
}
