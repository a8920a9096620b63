using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;

namespace NetTrace.Host.Engine;

/// <summary>
/// `-t kernel`: every function of the running kernel and its loaded modules that takes an skb in its first five
/// arguments (found in BTF), as traces of a group named "kernel" beside the catalogue's. A function the catalogue
/// already traces keeps its catalogue entry (its rules, its return meanings); the others get the path only.
/// </summary>
internal static class KernelFunctionTraces
{
    public const string Name = "kernel";

    public const string Description = "every function of the running kernel (and its loaded modules) that takes an skb";

    /// <summary>Whether the session's trace names ask for the kernel's functions.</summary>
    public static bool Requested(IEnumerable<string> names) => names.Contains(Name, StringComparer.Ordinal);

    /// <summary>
    /// The group for <paramref name="functions"/>, less what <paramref name="catalog"/> traces already (by trace name or
    /// hooked function) and, when <paramref name="deny"/>, <see cref="DeniedFunctions"/>; <paramref name="denied"/>
    /// counts the latter. A recording's functions are taken as they were traced (no deny list).
    /// </summary>
    public static TraceGroup Group(IEnumerable<SkbFunction> functions, TraceCatalog catalog, out int denied, bool deny = true)
    {
        var taken = new HashSet<string>(catalog.Traces.Select(t => t.Name), StringComparer.Ordinal);
        taken.UnionWith(catalog.Traces.SelectMany(t => t.Spec.Targets).Where(t => t.Kind == AttachKind.Kprobe).Select(t => t.Target));
        taken.UnionWith(catalog.Groups.Select(g => g.Name));
        taken.Add(Name);
        denied = 0;
        var traces = new List<TraceSpec>();
        foreach (var function in functions)
        {
            if (deny && DeniedFunctions.Denies(function.Name))
            {
                denied++;
                continue;
            }
            // The kernel's own first: a module's static function of the same name is not told apart by kallsyms.
            if (!taken.Add(function.Name))
                continue;
            traces.Add(new TraceSpec(function.Name, [AttachTarget.Function(function.Name)])
            {
                SkbArg = function.SkbArg,
                DefaultOn = false,
                Description = function.Module is null ? null : $"in module {function.Module}",
            });
        }
        return TraceGroup.Generic(Name, Description, traces);
    }
}
