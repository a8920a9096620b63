using System.Runtime.InteropServices;

namespace NetTrace.Host.Config;

/// <summary>
/// Mirror of <c>struct nt_sock_cfg</c> (plugins/sock/bpf/sock.h): the sock plugin's RTT filters, written into its
/// object's .rodata before load; checked against BTF by a test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtSockConfig
{
    /// <summary>The .rodata variable that holds the config in the sock plugin's object.</summary>
    public const string VariableName = "nt_sock";

    /// <summary>--tcp-rtt: the least RTT a record shows (0: no filter).</summary>
    public uint MinRttMicroseconds;

    /// <summary>--tcp-srtt: the least smoothed RTT a record shows (0: no filter).</summary>
    public uint MinSrttMicroseconds;
}
