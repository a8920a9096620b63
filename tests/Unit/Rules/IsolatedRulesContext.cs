using System.Reflection;
using System.Runtime.Loader;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>
/// A fresh, private copy of NetTrace.Rules and its dependencies (the contract stays shared), so a test
/// can see exactly which assemblies a call makes the runtime load, whatever other tests loaded before.
/// </summary>
internal sealed class IsolatedRulesContext() : AssemblyLoadContext("isolated-rules", isCollectible: true)
{
    private static readonly string Directory = AppContext.BaseDirectory;

    public Assembly Rules => LoadFromAssemblyPath(Path.Combine(Directory, "NetTrace.Rules.dll"));

    public bool HasLoaded(string prefix) => Assemblies.Any(a => a.GetName().Name!.StartsWith(prefix, StringComparison.Ordinal));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == "NetTrace.Abstractions")
            return null;
        var path = Path.Combine(Directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
