using System.Diagnostics.CodeAnalysis;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules;

/// <summary>
/// Rule sets compiled into the executable ahead of time (the native one, ADR 8), which cannot load a rules assembly:
/// each registers, by its linked key (<see cref="RuleCompiler.Linked"/>), its analysed rules as the rules cache stores
/// them and its matchers in rule order. Both are built only when a session asks for the set.
/// </summary>
public static class LinkedRuleSets
{
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, (Func<byte[]> Model, Func<Func<IRuleEvent, bool>[]> Matchers)> s_sets = new(StringComparer.Ordinal);

    /// <summary>Registers a set; generated code calls this when the executable starts.</summary>
    public static void Add(string key, Func<byte[]> model, Func<Func<IRuleEvent, bool>[]> matchers)
    {
        lock (s_gate)
            s_sets[key] = (model, matchers);
    }

    /// <summary>Whether any set is linked in: never in the JIT build, which compiles or loads every set.</summary>
    public static bool Any
    {
        get
        {
            lock (s_gate)
                return s_sets.Count > 0;
        }
    }

    internal static bool TryGet(string key, [MaybeNullWhen(false)] out Func<byte[]> model, [MaybeNullWhen(false)] out Func<Func<IRuleEvent, bool>[]> matchers)
    {
        lock (s_gate)
        {
            bool found = s_sets.TryGetValue(key, out var set);
            (model, matchers) = set;
            return found;
        }
    }
}
