namespace NetTrace.Host.Engine;

/// <summary>
/// What a tc or XDP program's return value means (TC_ACT_*, XDP_*), and the parts of its trace's name
/// ("tc-ingress:NAME", "tc-egress:NAME", "xdp:NAME", with "#ID" when two loaded programs share the name).
/// </summary>
internal static class BpfVerdicts
{
    public const string XdpHook = "xdp";
    public const string TcIngressHook = "tc-ingress";
    public const string TcEgressHook = "tc-egress";

    /// <summary>The verdict a --bpf-progs hit's return value stands for; null for any other trace.</summary>
    public static string? Name(string group, string trace, long ret) =>
        group != ProgramVerdictTraces.Name ? null : Hook(trace) == XdpHook ? Xdp(ret) : Tc(ret);

    public static string Tc(long ret) => ret switch
    {
        -1 => "TC_ACT_UNSPEC",
        0 => "TC_ACT_OK",
        1 => "TC_ACT_RECLASSIFY",
        2 => "TC_ACT_SHOT",
        3 => "TC_ACT_PIPE",
        4 => "TC_ACT_STOLEN",
        5 => "TC_ACT_QUEUED",
        6 => "TC_ACT_REPEAT",
        7 => "TC_ACT_REDIRECT",
        8 => "TC_ACT_TRAP",
        _ => $"TC_ACT({ret})",
    };

    public static string Xdp(long ret) => ret switch
    {
        0 => "XDP_ABORTED",
        1 => "XDP_DROP",
        2 => "XDP_PASS",
        3 => "XDP_TX",
        4 => "XDP_REDIRECT",
        _ => $"XDP({ret})",
    };

    /// <summary>"tc-ingress", "tc-egress" or "xdp": where the program ran.</summary>
    public static string Hook(string trace) => trace.IndexOf(':') is var colon and > 0 ? trace[..colon] : trace;

    /// <summary>The program's name, without the hook and the "#ID" that tells two of the same name apart.</summary>
    public static string Program(string trace)
    {
        string name = trace.IndexOf(':') is var colon and > 0 ? trace[(colon + 1)..] : trace;
        return name.LastIndexOf('#') is var hash and > 0 ? name[..hash] : name;
    }
}
