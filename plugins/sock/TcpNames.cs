namespace NetTrace.Plugins.Sock;

/// <summary>The kernel's TCP numbers as ss and the seed print them.</summary>
public static class TcpNames
{
    /// <summary>TCP_* socket states.</summary>
    public static string State(uint state) => state switch
    {
        1 => "ESTABLISHED",
        2 => "SYN_SENT",
        3 => "SYN_RECV",
        4 => "FIN_WAIT1",
        5 => "FIN_WAIT2",
        6 => "TIME_WAIT",
        7 => "CLOSE",
        8 => "CLOSE_WAIT",
        9 => "LAST_ACK",
        10 => "LISTEN",
        11 => "CLOSING",
        12 => "NEW_SYN_RECV",
        _ => $"STATE{state}",
    };

    /// <summary>TCP_CA_* congestion-avoidance states.</summary>
    public static string CaState(byte state) => state switch
    {
        0 => "CA_Open",
        1 => "CA_Disorder",
        2 => "CA_CWR",
        3 => "CA_Recovery",
        4 => "CA_Loss",
        _ => $"CA_{state}",
    };

    /// <summary>ICSK_TIME_* pending timers, or null for none.</summary>
    public static string? Timer(byte timer) => timer switch
    {
        0 => null,
        1 => "retrans",
        2 => "delack",
        3 => "probe0",
        5 => "loss_probe",
        6 => "reorder",
        _ => $"timer{timer}",
    };
}
