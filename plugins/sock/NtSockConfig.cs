using System.Runtime.InteropServices;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Sock;

/// <summary>
/// Mirror of <c>struct nt_sock_cfg</c> (bpf/sock.h): the RTT filters, --monitor's listener filter and --rtt's switch, written into the object's .rodata before
/// load; checked against BTF by a test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct NtSockConfig
{
    /// <summary>The .rodata variable that holds the config in the sock object.</summary>
    public const string VariableName = "nt_sock";

    /// <summary>--tcp-rtt: the least RTT a record shows (0: no filter).</summary>
    public uint MinRttMicroseconds;

    /// <summary>--tcp-srtt: the least smoothed RTT a record shows (0: no filter).</summary>
    public uint MinSrttMicroseconds;

    /// <summary>--monitor: tcp_rcv_state_process only where it meets a listener whose accept queue is full (1), else every hit (0).</summary>
    public uint FullListenersOnly;

    /// <summary>--rtt: each RTT sample is counted in the object's histogram map and no record is sent (1), else 0.</summary>
    public uint RttHistogram;

    /// <summary>The group's .rodata declaration: --tcp-rtt and --tcp-srtt in microseconds, --monitor and --rtt.</summary>
    public static RodataConfig Declaration { get; } = new(VariableName, Bytes);

    private static byte[] Bytes(SessionSettings session)
    {
        var config = new NtSockConfig
        {
            MinRttMicroseconds = (session.TcpRttMs ?? 0) * 1000,
            MinSrttMicroseconds = (session.TcpSrttMs ?? 0) * 1000,
            FullListenersOnly = session.Monitor ? 1u : 0u,
            RttHistogram = session.RttHistogram ? 1u : 0u,
        };
        return MemoryMarshal.AsBytes(new ReadOnlySpan<NtSockConfig>(in config)).ToArray();
    }
}
