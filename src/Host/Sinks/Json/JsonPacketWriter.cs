using System.Text;
using System.Text.Json;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// The "packet" object of a --json line: the decoded headers, absent ones left out, and the packet's text line.
/// Written straight into the line's UTF-8 writer; the text goes through a builder and char buffer kept for the session.
/// </summary>
internal sealed class JsonPacketWriter
{
    private readonly StringBuilder _text = new(128);
    private char[] _chars = new char[256];

    public void Write(Utf8JsonWriter json, PacketInfo p)
    {
        json.WriteStartObject(JsonNames.Packet);
        WriteProtocol(json, p);
        if (p.SourceAddress is { } source)
            json.WriteString(JsonNames.Source, source.ToString()); // IPAddress keeps its text, and the parser shares the objects
        if (p.DestinationAddress is { } destination)
            json.WriteString(JsonNames.Destination, destination.ToString());
        if (p.HasPorts)
        {
            json.WriteNumber(JsonNames.SourcePort, p.SourcePort);
            json.WriteNumber(JsonNames.DestinationPort, p.DestinationPort);
        }
        if (p.L4Protocol == IpProtocols.Tcp && p.HasL4Header)
        {
            json.WriteNumber(JsonNames.Sequence, p.TcpSequence);
            json.WriteNumber(JsonNames.Acknowledgment, p.TcpAcknowledgment);
            Span<char> letters = stackalloc char[8];
            json.WriteString(JsonNames.TcpFlags, letters[..PacketFormatter.TcpFlagLetters(p.TcpFlags, letters)]);
        }
        if (p.L4Protocol is IpProtocols.Icmp or IpProtocols.IcmpV6 && p.HasL4Header)
        {
            json.WriteNumber(JsonNames.IcmpType, p.IcmpType);
            json.WriteNumber(JsonNames.IcmpCode, p.IcmpCode);
            json.WriteNumber(JsonNames.IcmpId, p.IcmpEchoId);
            json.WriteNumber(JsonNames.IcmpSequence, p.IcmpEchoSequence);
        }
        if (p.IsIP)
            json.WriteNumber(JsonNames.IpLength, p.IpTotalLength);
        WriteText(json, p);
        json.WriteEndObject();
    }

    private void WriteText(Utf8JsonWriter json, PacketInfo p)
    {
        _text.Clear();
        PacketFormatter.Append(_text, p);
        if (_chars.Length < _text.Length)
            _chars = new char[_text.Length * 2];
        _text.CopyTo(0, _chars, _text.Length);
        json.WriteString(JsonNames.Text, _chars.AsSpan(0, _text.Length));
    }

    private static void WriteProtocol(Utf8JsonWriter json, PacketInfo p)
    {
        string? name = p.L3Kind switch
        {
            L3Kind.IPv4 or L3Kind.IPv6 => p.L4Protocol switch
            {
                IpProtocols.Tcp => "TCP",
                IpProtocols.Udp => "UDP",
                IpProtocols.Icmp => "ICMP",
                IpProtocols.IcmpV6 => "ICMPv6",
                _ => p.L3Kind == L3Kind.IPv4 ? "IPv4" : "IPv6",
            },
            L3Kind.ARP => "ARP",
            _ => null,
        };
        if (name is not null)
        {
            json.WriteString(JsonNames.Protocol, name);
            return;
        }
        Span<char> ether = stackalloc char[6];
        ether.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"0x{p.EtherType:x4}", out int written);
        json.WriteString(JsonNames.Protocol, ether[..written]);
    }
}
