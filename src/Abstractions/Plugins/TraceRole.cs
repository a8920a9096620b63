namespace NetTrace.Abstractions.Plugins;

/// <summary>What a trace means for the life of the skb it sees.</summary>
public enum TraceRole
{
    /// <summary>The skb passes through; it stays alive.</summary>
    Pass,

    /// <summary>The skb is freed here (consume_skb, kfree_skb...): its lifecycle ends.</summary>
    Free,

    /// <summary>The function returns a clone of the skb, which joins the original's lifecycle.</summary>
    Clone,
}
