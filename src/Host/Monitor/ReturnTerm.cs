namespace NetTrace.Host.Monitor;

/// <summary>One test of a return value in the kernel (mirror of <c>struct nt_ret_term</c>): view OP value.</summary>
internal sealed record ReturnTerm(ReturnOp Op, ReturnView View, long Value);

/// <summary>Mirror of <c>enum nt_ret_op</c>.</summary>
internal enum ReturnOp : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>Mirror of <c>enum nt_ret_view</c>: which part of the returned register a term reads.</summary>
internal enum ReturnView : byte
{
    /// <summary>The int in eax, sign-extended (as <c>ret</c> reads in rules).</summary>
    Int,

    /// <summary>The low byte: a netfilter verdict code.</summary>
    Low8,

    /// <summary>Bits 16-31: the errno nf_tables puts beside NF_STOLEN.</summary>
    High16,
}
