namespace NetTrace.Abstractions.Rules;

/// <summary>One test of a return value the engine runs in the kernel: <c>View(ret) Op Value</c>.</summary>
public sealed record ReturnTerm(ReturnOp Op, ReturnView View, long Value);
