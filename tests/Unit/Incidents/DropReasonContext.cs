using NetTrace.Abstractions.Rendering;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>A kernel that names drop reasons (or reports none) and knows one symbol per registered address.</summary>
internal sealed class DropReasonContext(bool hasDropReasons = true) : IRenderContext
{
    public const uint NotSpecified = 2;
    public const uint NoSocket = 3;
    public const uint NetfilterDrop = 11;
    public const ulong TcpV4Rcv = 0xffffffff81a0_1234;

    public bool HasDropReasons => hasDropReasons;

    public string DropReasonName(uint reason) => reason switch
    {
        NotSpecified => "NOT_SPECIFIED",
        NoSocket => "NO_SOCKET",
        NetfilterDrop => "NETFILTER_DROP",
        _ => $"REASON{reason}",
    };

    public string Symbolize(ulong address) => address == TcpV4Rcv ? "tcp_v4_rcv+0x1a0" : $"0x{address:x}";

    public IReadOnlyList<ulong> Stack(int stackId) => [];
}
