namespace NetTrace.Host.Engine;

/// <summary>
/// Functions that take an skb but that `-t kernel` leaves out, each for a reason that holds on every kernel:
/// they run on an skb after its free was reported (a hit would start a lifecycle for a dead skb), they walk an skb's
/// fragments recursively or chunk by chunk (many hits per packet, saying nothing the caller's hit does not), or they
/// are BPF helpers that a tc or XDP program calls per field it reads or writes (--bpf-progs shows their verdicts).
/// </summary>
internal static class DeniedFunctions
{
    /// <summary>The free path below the kfree_skb and consume_skb tracepoints, and the socket destructors it runs.</summary>
    private static readonly HashSet<string> AfterFree = new(StringComparer.Ordinal)
    {
        "kfree_skb", "kfree_skb_reason", "sk_skb_reason_drop", "consume_skb", "__kfree_skb", "kfree_skbmem",
        "kfree_skb_partial", "kfree_skb_list_reason", "__kfree_skb_defer", "napi_consume_skb", "__napi_kfree_skb",
        "napi_skb_free_stolen_head", "napi_skb_cache_put", "__consume_stateless_skb", "skb_attempt_defer_free",
        "skb_release_head_state", "skb_release_data", "skb_release_all", "skb_free_head", "skb_free_frag",
        "__dev_kfree_skb_any", "__dev_kfree_skb_irq", "dev_kfree_skb_any_reason", "dev_kfree_skb_irq_reason",
        "sock_wfree", "__sock_wfree", "sock_rfree", "sock_efree", "tcp_wfree", "skb_zcopy_clear", "skb_orphan_partial",
    };

    /// <summary>Fragment walkers that call themselves for a frag list, and per-chunk copy and checksum helpers.</summary>
    private static readonly HashSet<string> PerChunk = new(StringComparer.Ordinal)
    {
        "skb_copy_bits", "skb_store_bits", "__skb_checksum", "skb_checksum", "__skb_datagram_iter",
        "skb_copy_datagram_iter", "skb_copy_and_csum_datagram", "skb_copy_and_hash_datagram_iter", "skb_seq_read",
        "skb_abort_seq_read", "skb_prepare_seq_read", "skb_find_text", "skb_ts_get_next_block",
    };

    /// <summary>BPF helpers' bodies ("bpf_skb_load_bytes", "____bpf_skb_store_bytes"...) and their inner bodies.</summary>
    private static readonly string[] HelperPrefixes = ["bpf_", "__bpf_", "____bpf_"];

    public static bool Denies(string function) =>
        AfterFree.Contains(function) || PerChunk.Contains(function) || HelperPrefixes.Any(p => function.StartsWith(p, StringComparison.Ordinal));
}
