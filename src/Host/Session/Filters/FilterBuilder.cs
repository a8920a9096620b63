using System.Net;
using System.Net.Sockets;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Session.Filters;

/// <summary>Turns the user's packet filter options into the kernel-side <see cref="NtFilter"/>.</summary>
internal static unsafe class FilterBuilder
{
    public static NtFilter Build(SessionOptions options, uint? currentNetns)
    {
        var filter = new NtFilter();
        filter.SourceFamily = SetAddress(filter.SourceAddress, options.SourceAddress);
        filter.DestinationFamily = SetAddress(filter.DestinationAddress, options.DestinationAddress);
        filter.AnyFamily = SetAddress(filter.AnyAddress, options.AnyAddress);
        filter.SourcePort = options.SourcePort ?? 0;
        filter.DestinationPort = options.DestinationPort ?? 0;
        filter.AnyPort = options.AnyPort ?? 0;
        if (options.Protocol is { } protocol)
        {
            filter.L3Protocol = protocol.EtherType;
            filter.L4Protocol = protocol.IpProtocol;
        }
        if (options.PacketLength is { } length)
        {
            filter.PacketLengthMin = length.Min;
            filter.PacketLengthMax = length.Max;
        }
        filter.TcpFlags = options.TcpFlags;
        filter.Pcap = Pcap.FilterExpressions.Mode(options.FilterExpression);
        if (options.Mark is { } mark)
        {
            filter.Mark = mark.Value;
            filter.MarkMask = mark.Mask;
        }
        if (options.IfName is { } name)
            System.Text.Encoding.ASCII.GetBytes(name).CopyTo(new Span<byte>(filter.IfName, 16));
        filter.Netns = options.NetnsCurrent ? currentNetns ?? 0 : options.Netns ?? 0;
        filter.Pid = (uint)(options.Pid ?? 0);
        return filter;
    }

    private static byte SetAddress(byte* target, IPAddress? address)
    {
        if (address is null)
            return 0;
        var bytes = address.GetAddressBytes();
        new ReadOnlySpan<byte>(bytes).CopyTo(new Span<byte>(target, 16));
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)6 : (byte)4;
    }
}
