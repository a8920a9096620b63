using System.Runtime.InteropServices;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>
/// --monitor's rules in the kernel: the WARN/ERROR rules whose condition reads the return value (ret, or
/// a verdict a group declares for it, <see cref="ReturnVerdict"/>; other fields ANDed to it are widened to true) become per-trace clauses the engine tests when the
/// call returns, so a normal return never leaves the kernel. A rule without a condition makes every hit of its
/// traces abnormal. A condition too large for the map is widened to "always": user space runs the exact rules on
/// what arrives.
/// </summary>
internal sealed class KernelReturnRules
{
    public const int MaxClauses = 4;
    public const int MaxTerms = 3;
    public const int MaxTraces = 512;

    private readonly Dictionary<string, List<ReturnTerm[]>?> _byTrace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Trace, string Verdict), List<ReturnTerm[]>> _verdicts = [];

    private KernelReturnRules(IEnumerable<ReturnVerdict> verdicts)
    {
        foreach (var verdict in verdicts)
            _verdicts[(verdict.Trace, verdict.Verdict)] = [.. verdict.Clauses.Select(c => c.ToArray())];
    }

    /// <summary>The traces --monitor watches: each has at least one abnormal rule the kernel can decide on.</summary>
    public IReadOnlyCollection<string> Traces => _byTrace.Keys;

    /// <param name="groupTraces">The traces of a group, for rules written "on group G".</param>
    /// <param name="minLevel">The least serious finding that counts as abnormal.</param>
    /// <param name="verdicts">What "verdict == X" means for a trace's return value, as the groups declare it.</param>
    public static KernelReturnRules From(IEnumerable<CompiledRule> rules, Func<string, IEnumerable<string>> groupTraces, FindingLevel minLevel,
        IEnumerable<ReturnVerdict> verdicts)
    {
        var result = new KernelReturnRules(verdicts);
        foreach (var rule in rules.Where(r => r.Level >= minLevel))
        {
            var traces = rule.Group is null ? rule.Traces : groupTraces(rule.Group);
            foreach (string trace in traces)
            {
                if (rule.Condition is null)
                    result.Add(trace, null);
                else if (result.Dnf(rule.Condition, trace) is { } clauses)
                    result.Add(trace, clauses);
            }
        }
        return result;
    }

    /// <summary>The clauses of a trace (any true clause makes the return abnormal); null means always abnormal.</summary>
    public IReadOnlyList<ReturnTerm[]>? Clauses(string trace) => _byTrace.GetValueOrDefault(trace);

    /// <summary><c>struct nt_ret_rule</c> for a trace: its clauses, or one empty (always true) clause.</summary>
    public byte[] Encode(string trace)
    {
        var clauses = Clauses(trace) ?? [[]];
        var rule = new NtRetRule { ClauseCount = (byte)clauses.Count };
        for (int c = 0; c < clauses.Count; c++)
        {
            ref var clause = ref rule.Clauses[c];
            clause.TermCount = (byte)clauses[c].Length;
            for (int t = 0; t < clauses[c].Length; t++)
            {
                var term = clauses[c][t];
                clause.Terms[t] = new NtRetTerm { Op = term.Op, View = term.View, Value = term.Value };
            }
        }
        return MemoryMarshal.AsBytes(new ReadOnlySpan<NtRetRule>(in rule)).ToArray();
    }

    private void Add(string trace, List<ReturnTerm[]>? clauses)
    {
        if (_byTrace.TryGetValue(trace, out var known) && known is null)
            return; // already always
        // Rules that differ only in fields the kernel does not test give the same clause: kept once.
        List<ReturnTerm[]>? merged = clauses is null ? null
            : [.. (known ?? []).Concat(clauses).DistinctBy(c => string.Join(";", c.Select(t => $"{t.Op}/{t.View}/{t.Value}")))];
        // Too many clauses or terms for the map: let everything through and decide in user space.
        if (merged is not null && (merged.Count > MaxClauses || merged.Any(c => c.Length > MaxTerms)))
            merged = null;
        _byTrace[trace] = merged;
    }

    /// <summary>The condition as OR-of-ANDs over the return value, or null when it reads anything else.</summary>
    public List<ReturnTerm[]>? Dnf(RuleCondition condition, string trace) => condition switch
    {
        ComparisonCondition { Field.Value: "ret" } c when Number(c.Value) is { } value => [[new ReturnTerm(Op(c.Operator), ReturnView.Int, value)]],
        ComparisonCondition { Field.Value: "verdict", Operator: ComparisonOperator.Equal, Value: TextValue text } => Verdict(trace, text.Value),
        LogicalCondition { Operator: LogicalOperator.Or } or => Dnf(or.Left, trace) is { } l && Dnf(or.Right, trace) is { } r ? [.. l, .. r] : null,
        // A side that reads other fields (the firewall that owns a table) is widened to true: the kernel lets a
        // superset through and user space runs the exact rule.
        LogicalCondition { Operator: LogicalOperator.And } and => (Dnf(and.Left, trace), Dnf(and.Right, trace)) switch
        {
            ({ } l, { } r) => [.. l.SelectMany(a => r.Select(b => (ReturnTerm[])[.. a, .. b]))],
            ({ } l, null) => l,
            (null, { } r) => r,
            _ => null,
        },
        NotCondition { Operand: ComparisonCondition inner } => Dnf(inner, trace) is [[var only]] ? [[only with { Op = Negate(only.Op) }]] : null,
        _ => null,
    };

    /// <summary>What "verdict == X" means for this trace's return value, as a group declared it; null when none did.</summary>
    private List<ReturnTerm[]>? Verdict(string trace, string verdict) => _verdicts.TryGetValue((trace, verdict), out var clauses) ? [.. clauses] : null;

    private static long? Number(RuleValue value) => value switch
    {
        NumberValue n => n.Value,
        ConstantValue c when RuleConstants.All.TryGetValue(c.Name, out long v) => v,
        _ => null,
    };

    private static ReturnOp Op(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ReturnOp.Equal,
        ComparisonOperator.NotEqual => ReturnOp.NotEqual,
        ComparisonOperator.Less => ReturnOp.Less,
        ComparisonOperator.LessOrEqual => ReturnOp.LessOrEqual,
        ComparisonOperator.Greater => ReturnOp.Greater,
        _ => ReturnOp.GreaterOrEqual,
    };

    private static ReturnOp Negate(ReturnOp op) => op switch
    {
        ReturnOp.Equal => ReturnOp.NotEqual,
        ReturnOp.NotEqual => ReturnOp.Equal,
        ReturnOp.Less => ReturnOp.GreaterOrEqual,
        ReturnOp.LessOrEqual => ReturnOp.Greater,
        ReturnOp.Greater => ReturnOp.LessOrEqual,
        _ => ReturnOp.Less,
    };
}
