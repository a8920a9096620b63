namespace NetTrace.Tests.Unit.Incidents;

/// <summary>
/// Points the rules cache (NETTRACE_RULES_CACHE) at a private directory for one test class, so --arm-on rules are
/// compiled once per run and nothing lands in the user's cache; the directory is removed afterwards.
/// </summary>
public sealed class ArmOnCache : IDisposable
{
    private const string Variable = "NETTRACE_RULES_CACHE";
    private readonly string? _previous = Environment.GetEnvironmentVariable(Variable);

    public ArmOnCache()
    {
        Directory = Path.Combine(Path.GetTempPath(), "nettrace-arm-on-tests", Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable(Variable, Directory);
    }

    public string Directory { get; }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
