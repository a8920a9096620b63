namespace NetTrace.Abstractions.Rules;

/// <summary>
/// What <c>verdict == "NAME"</c> in a rule means for one trace's return value, as tests the engine can run in the
/// kernel: --monitor then keeps a normal return there and sends up only the abnormal ones. The verdict holds when
/// any clause does; a clause holds when all its terms do. A condition on a verdict no group declares for the trace
/// is decided in user space instead.
/// </summary>
/// <param name="Trace">The traced function (e.g. "nft_do_chain").</param>
/// <param name="Verdict">The verdict's name as rules write it (e.g. "drop").</param>
/// <param name="Clauses">Any of these, each all of its terms.</param>
public sealed record ReturnVerdict(string Trace, string Verdict, IReadOnlyList<IReadOnlyList<ReturnTerm>> Clauses);
