using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;

namespace NetTrace.Host.Engine;

/// <summary>
/// Every packet-path trace the plugins declare (groups of other modes, such as drop, excluded),
/// numbered so a record's 16-bit trace id names its trace.
/// </summary>
internal sealed class TraceCatalog
{
    private readonly Dictionary<string, CatalogTrace> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TraceGroup> _groups = new(StringComparer.Ordinal);

    // The traces of groups with a mode of their own (--sock, --drop), so a -t naming one says where it belongs.
    private readonly Dictionary<string, string> _modeOnly = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<TraceGroup> _declared;

    public TraceCatalog(IEnumerable<TraceGroup> groups)
    {
        _declared = groups.ToList();
        groups = _declared;
        var traces = new List<CatalogTrace>();
        foreach (var group in groups.Where(g => g.ModeOnly))
        {
            string? flag = group.Serves.Sock ? "--sock" : group.Serves.Drop ? "--drop" : null;
            foreach (var spec in group.Traces.Where(_ => flag is not null))
                _modeOnly.TryAdd(spec.Name, flag!);
        }
        foreach (var group in groups.Where(g => !g.ModeOnly))
        {
            _groups.Add(group.Name, group);
            foreach (var spec in group.Traces)
            {
                if (_byName.ContainsKey(spec.Name) || _groups.ContainsKey(spec.Name))
                    throw new PluginException($"trace '{spec.Name}' of group '{group.Name}' is declared twice");
                var trace = new CatalogTrace(checked((ushort)(traces.Count + 1)), group, spec);
                traces.Add(trace);
                _byName.Add(spec.Name, trace);
            }
        }
        Traces = traces;
    }

    public static TraceCatalog From(PluginCatalog plugins) => new(plugins.Groups);

    public IReadOnlyList<CatalogTrace> Traces { get; }

    /// <summary>Whether `-t kernel`'s group is in (<see cref="With"/>).</summary>
    public bool HasKernelFunctions => _groups.ContainsKey(KernelFunctionTraces.Name);

    /// <summary>
    /// This catalogue and a group the session makes after it (the kernel's skb functions, the loaded tc and XDP
    /// programs): the catalogue's trace ids stay as they were.
    /// </summary>
    public TraceCatalog With(TraceGroup group) => new(_declared.Append(group));

    /// <summary>The traces of the catalogue and `-t kernel`: --bpf-progs' watched programs are attached apart, never by a name list.</summary>
    private IEnumerable<CatalogTrace> Traceable => Traces.Where(t => t.Group.Name != ProgramVerdictTraces.Name);

    public IEnumerable<TraceGroup> Groups => _groups.Values;

    /// <summary>
    /// The traces a list of group and trace names stands for; a group means all its traces.
    /// Null with <paramref name="error"/> set when a name is unknown.
    /// </summary>
    public IReadOnlyList<CatalogTrace>? Expand(IEnumerable<string> names, out string? error)
    {
        var result = new List<CatalogTrace>();
        foreach (string name in names)
        {
            if (!TryAddKernel(name, result) && !TryAdd(name, result) && !TryAddUpstream(name, result))
            {
                error = _modeOnly.TryGetValue(name, out string? flag)
                    ? $"'{name}' is not on a packet's path: it is traced with {flag} (nettrace {flag} -t {name})"
                    : name == ProgramVerdictTraces.Name || (_byName.TryGetValue(name, out var t) && t.Group.Name == ProgramVerdictTraces.Name)
                        ? $"'{name}' is a tc or XDP program's verdict: --bpf-progs watches them all"
                    : name == KernelFunctionTraces.Name
                        ? "-t kernel (every skb function of the kernel) traces a packet's path: the default lifecycle, --basic, --diag, --latency or --func-stats"
                        : $"unknown trace or group '{name}' (nettrace -t ? lists them)";
                return null;
            }
        }
        error = null;
        return result.Distinct().ToList();
    }

    /// <summary>-t kernel: the catalogue and the kernel's other skb functions, so lifecycles still end at the frees' tracepoints.</summary>
    private bool TryAddKernel(string name, List<CatalogTrace> result)
    {
        if (name != KernelFunctionTraces.Name || !HasKernelFunctions)
            return false;
        result.AddRange(Traceable);
        return true;
    }

    private bool TryAdd(string name, List<CatalogTrace> result)
    {
        if (name == ProgramVerdictTraces.Name)
            return false;
        if (_groups.TryGetValue(name, out var group))
            result.AddRange(Traces.Where(t => t.Group == group));
        else if (_byName.TryGetValue(name, out var trace) && trace.Group.Name != ProgramVerdictTraces.Name)
            result.Add(trace);
        else
            return false;
        return true;
    }

    /// <summary>Upstream's names (<see cref="UpstreamTraceNames"/>): members a missing plugin would declare are passed over.</summary>
    private bool TryAddUpstream(string name, List<CatalogTrace> result)
    {
        if (name == UpstreamTraceNames.All)
        {
            result.AddRange(Traceable);
            return true;
        }
        if (!UpstreamTraceNames.Aliases.TryGetValue(name, out var members))
            return false;
        int before = result.Count;
        foreach (string member in members)
            TryAdd(member, result);
        return result.Count > before;
    }
}
