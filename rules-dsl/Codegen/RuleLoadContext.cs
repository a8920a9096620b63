using System.Reflection;
using System.Runtime.Loader;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// A collectible context per compiled rule set. The contract assembly is handed out as already loaded,
/// so the generated code's IRuleEvent is the host's IRuleEvent.
/// </summary>
internal sealed class RuleLoadContext() : AssemblyLoadContext("nettrace-rules", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var contract = typeof(IRuleEvent).Assembly;
        return AssemblyName.ReferenceMatchesDefinition(assemblyName, contract.GetName()) ? contract : null;
    }
}
