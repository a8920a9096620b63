namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of NT_EXTRA_*: which plugin entry program filled an <see cref="SkbExtraRecord"/>.</summary>
public enum SkbExtraKind : byte
{
    None = 0,

    /// <summary>nf_hook_slow: protocol family, hook and the hook functions still to run.</summary>
    NetfilterHook = 1,

    /// <summary>iptables-legacy: protocol family, hook and table name.</summary>
    NetfilterTable = 2,

    /// <summary>nftables and iptables-nft: protocol family, hook, table and chain names.</summary>
    NetfilterChain = 3,
}
