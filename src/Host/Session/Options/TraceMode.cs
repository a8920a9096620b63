namespace NetTrace.Host.Session.Options;

/// <summary>What a session traces. The modes exclude each other; <see cref="Lifecycle"/> is used when no mode flag is given.</summary>
internal enum TraceMode
{
    /// <summary>The default: follow each matching skb from entering the stack to being freed.</summary>
    Lifecycle,

    /// <summary>--basic: print every function/tracepoint a packet hits, without lifecycle tracking.</summary>
    Basic,

    /// <summary>--diag: lifecycle tracing plus analysis of abnormal packets.</summary>
    Diagnose,

    /// <summary>--drop: report dropped skbs with their reason (replaces droptrace).</summary>
    Drop,

    /// <summary>--sock: trace sockets instead of packets.</summary>
    Sock,

    /// <summary>--monitor: lightweight, always-on watch for network anomalies.</summary>
    Monitor,
}
