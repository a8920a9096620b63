namespace NetTrace.Tests.Host.Harness;

/// <summary>A theory that needs root, skipped with the reason outside CI when not root (see <see cref="RootFactAttribute"/>).</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Capabilities.IsRoot && !Capabilities.IsCi)
            Skip = "needs root: run ./test.sh as root or with sudo";
    }
}
