using NetTrace.Abstractions.Rules;

namespace NetTrace.Plugins.Netfilter;

/// <summary>
/// What a rule's <c>verdict == "NAME"</c> means for the return value of each netfilter function, as tests the
/// engine runs in the kernel (--monitor). The meanings are <see cref="Abstractions.Netfilter.NetfilterNames.Verdict"/>'s:
/// nf_hook_slow returns 1 (go on), -EPERM (dropped) or 0 (stolen or queued); the table functions return an NF_*
/// verdict in the low byte, and nf_tables a drop as NF_STOLEN with the errno in bits 16-31.
/// </summary>
internal static class NetfilterVerdicts
{
    private static readonly string[] TableTraces = ["ipt_do_table", "ip6t_do_table", "arpt_do_table", "nft_do_chain"];

    public static IReadOnlyList<ReturnVerdict> All { get; } =
    [
        new("nf_hook_slow", "drop", [[Int(ReturnOp.Less, 0)]]),
        new("nf_hook_slow", "accept", [[Int(ReturnOp.Equal, 1)]]),
        new("nf_hook_slow", "stolen", [[Int(ReturnOp.Equal, 0)]]),
        .. TableTraces.SelectMany(Table),
    ];

    private static IEnumerable<ReturnVerdict> Table(string trace) =>
    [
        new(trace, "drop", [[Code(ReturnOp.Equal, 0)], [Code(ReturnOp.Equal, 2), Errno(ReturnOp.NotEqual, 0)]]),
        new(trace, "stolen", [[Code(ReturnOp.Equal, 2), Errno(ReturnOp.Equal, 0)]]),
        new(trace, "accept", [[Code(ReturnOp.Equal, 1)]]),
        new(trace, "queue", [[Code(ReturnOp.Equal, 3)]]),
        new(trace, "repeat", [[Code(ReturnOp.Equal, 4)]]),
        new(trace, "stop", [[Code(ReturnOp.Equal, 5)]]),
    ];

    private static ReturnTerm Int(ReturnOp op, long value) => new(op, ReturnView.Int, value);

    /// <summary>The NF_* verdict code in the low byte.</summary>
    private static ReturnTerm Code(ReturnOp op, long value) => new(op, ReturnView.Low8, value);

    /// <summary>The errno nf_tables puts in bits 16-31 beside NF_STOLEN.</summary>
    private static ReturnTerm Errno(ReturnOp op, long value) => new(op, ReturnView.High16, value);
}
