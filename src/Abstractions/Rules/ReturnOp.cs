namespace NetTrace.Abstractions.Rules;

/// <summary>
/// How a <see cref="ReturnTerm"/> compares a return value, as the engine does in the kernel. The numbers are the
/// engine's <c>enum nt_ret_op</c> (bpf/engine/engine.h), checked against its BTF by a test: never renumber.
/// </summary>
public enum ReturnOp : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
