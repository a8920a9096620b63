namespace NetTrace.Abstractions.Rules;

/// <summary>
/// Which part of the returned register a <see cref="ReturnTerm"/> reads. The numbers are the engine's
/// <c>enum nt_ret_view</c> (bpf/engine/engine.h), checked against its BTF by a test: never renumber.
/// </summary>
public enum ReturnView : byte
{
    /// <summary>The int in eax, sign-extended (as <c>ret</c> reads in rules).</summary>
    Int,

    /// <summary>The low byte: a netfilter verdict code.</summary>
    Low8,

    /// <summary>Bits 16-31: the errno nf_tables puts beside NF_STOLEN.</summary>
    High16,
}
