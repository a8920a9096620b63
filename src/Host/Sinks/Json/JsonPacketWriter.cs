using System.Text;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// The "packet" object of a --json line: the decoded headers, absent ones left out, and the packet's text line.
/// Written straight into the line's UTF-8 buffer; the text goes through a builder and char buffer kept for the session.
/// </summary>
internal sealed class JsonPacketWriter
{
    private readonly StringBuilder _text = new(128);
    private char[] _chars = new char[256];

    public void Write(JsonLineWriter json, PacketInfo p)
    {
        json.StartObject(JsonNames.Packet);
        WriteProtocol(json, p);
        if (p.SourceAddress is { } source)
            json.String(JsonNames.Source, source.ToString()); // IPAddress keeps its text, and the parser shares the objects
        if (p.DestinationAddress is { } destination)
            json.String(JsonNames.Destination, destination.ToString());
        if (p.HasPorts)
        {
            json.Number(JsonNames.SourcePort, (ulong)p.SourcePort);
            json.Number(JsonNames.DestinationPort, (ulong)p.DestinationPort);
        }
        if (p.L4Protocol == IpProtocols.Tcp && p.HasL4Header)
        {
            json.Number(JsonNames.Sequence, (ulong)p.TcpSequence);
            json.Number(JsonNames.Acknowledgment, (ulong)p.TcpAcknowledgment);
            Span<char> letters = stackalloc char[8];
            json.String(JsonNames.TcpFlags, letters[..PacketFormatter.TcpFlagLetters(p.TcpFlags, letters)]);
        }
        if (p.L4Protocol is IpProtocols.Icmp or IpProtocols.IcmpV6 && p.HasL4Header)
        {
            json.Number(JsonNames.IcmpType, (ulong)p.IcmpType);
            json.Number(JsonNames.IcmpCode, (ulong)p.IcmpCode);
            json.Number(JsonNames.IcmpId, (ulong)p.IcmpEchoId);
            json.Number(JsonNames.IcmpSequence, (ulong)p.IcmpEchoSequence);
        }
        if (p.IsIP)
            json.Number(JsonNames.IpLength, (long)p.IpTotalLength);
        WriteText(json, p);
        json.EndObject();
    }

    private void WriteText(JsonLineWriter json, PacketInfo p)
    {
        _text.Clear();
        PacketFormatter.Append(_text, p);
        foreach (var chunk in _text.GetChunks())
        {
            if (chunk.Length == _text.Length)
            {
                json.String(JsonNames.Text, chunk.Span); // the usual case: one chunk, no copy
                return;
            }
            break;
        }
        if (_chars.Length < _text.Length)
            _chars = new char[_text.Length * 2];
        _text.CopyTo(0, _chars, _text.Length);
        json.String(JsonNames.Text, _chars.AsSpan(0, _text.Length));
    }

    private static void WriteProtocol(JsonLineWriter json, PacketInfo p)
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
            json.String(JsonNames.Protocol, name);
            return;
        }
        Span<char> ether = stackalloc char[6];
        ether.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"0x{p.EtherType:x4}", out int written);
        json.String(JsonNames.Protocol, ether[..written]);
    }
}
