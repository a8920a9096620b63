namespace NetTrace.Abstractions.Packets;

/// <summary>The TCP control bits, valued as in byte 13 of the TCP header so the byte casts directly.</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    FIN = 1,
    SYN = 2,
    RST = 4,
    PSH = 8,
    ACK = 16,
    URG = 32,
    ECE = 64,
    CWR = 128,
}
