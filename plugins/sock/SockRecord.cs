using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;

namespace NetTrace.Plugins.Sock;

/// <summary>Mirror of <c>struct nt_sock_event</c> after its record header (plugins/sock/bpf/sock.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SockRecord
{
    public const ushort Kind = 1;

    public PacketMeta Meta;
    public Address16 SourceAddress;
    public Address16 DestinationAddress;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Family;
    public byte State;
    public byte CaState;
    public byte Timer;
    public uint PacketsOut;
    public uint RetransOut;
    public int WriteMemory;
    public int ReadMemory;
    public long TimerJiffies;
    public uint RcvBuf;
    public uint SrttMicroseconds;
    public uint RttMicroseconds;
    public uint Aux0;
    public uint Aux1;
    public ushort Trace;
    public SockFlags Flags;

    [InlineArray(16)]
    public struct Address16
    {
        private byte _first;
    }
}
