using System.Buffers.Binary;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Pcap;

/// <summary>
/// --pcap: a pcapng file Wireshark opens as a packet list. One section, one raw-IP interface (the captured
/// bytes start at the network header), and one Enhanced Packet Block per packet-shaped event whose comment
/// names the kernel function, the verdict or drop reason, the netns and the rule markers.
/// </summary>
internal sealed class PcapngWriter : IEventTap, IDisposable
{
    private const uint SectionHeader = 0x0A0D0D0A, InterfaceDescription = 1, EnhancedPacket = 6;
    private const ushort LinkTypeRaw = 101, OptionEnd = 0, OptionComment = 1, OptionTimestampResolution = 9;
    private const int SnapLength = 65535;

    private readonly Stream _stream;
    private readonly Func<string, IRenderContext> _contextOf;
    private readonly long _realMinusMonotonicNs;

    public PcapngWriter(Stream stream, Func<string, IRenderContext> contextOf)
    {
        _stream = stream;
        _contextOf = contextOf;
        _realMinusMonotonicNs = EventClock.RealMinusMonotonicNs();
        WriteSectionHeader();
        WriteInterface();
    }

    /// <summary>Packets written so far.</summary>
    public long Packets { get; private set; }

    public static PcapngWriter Create(string path, Func<string, IRenderContext> contextOf) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), contextOf);

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
        if (ev.Packet is not { Raw: { Length: > 0 } raw } packet)
            return;
        var comment = new StringBuilder(function ?? ev.Trace);
        var renderContext = _contextOf(group);
        if (ev is SkbTraceEvent skb)
        {
            if (SkbRuleEvent.Reason(skb, renderContext) is { } reason)
                comment.Append(" reason=").Append(reason);
            if (SkbRuleEvent.Location(skb, renderContext) is { } location)
                comment.Append(" location=").Append(location);
            if (skb.Mark is { } mark && mark != 0)
                comment.Append(" mark=0x").Append(mark.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            if (skb.Return is { } ret && skb.Extra is { } extra && Abstractions.Netfilter.NetfilterNames.Verdict(skb.Trace, ret) is { } verdict)
                comment.Append(" verdict=").Append(verdict).Append(" hook=").Append(Abstractions.Netfilter.NetfilterNames.Hook(extra.Pf, extra.Hook));
        }
        else
        {
            foreach (var (key, value) in ev.Fields)
            {
                if (key == "reason" && renderContext.HasDropReasons)
                    comment.Append(" reason=").Append(renderContext.DropReasonName((uint)Convert.ToUInt64(value)));
                else if (key == "location" && value is not null)
                    comment.Append(" location=").Append(renderContext.Symbolize(Convert.ToUInt64(value)));
            }
        }
        comment.Append(" netns=").Append(ev.Meta.Netns);
        if (context is not null)
            comment.Append(" context=").Append(context);
        foreach (string message in messages ?? [])
            comment.Append(" *").Append(message).Append('*');
        // The capture starts at the IP header, but skb->len counts the link header once it is pushed (at the
        // transmit points): for IP the header's own length is the packet's true length from L3.
        uint wire = packet.IsIP && packet.IpTotalLength > 0 ? (uint)packet.IpTotalLength : packet.WireLength;
        WritePacket(ev.Meta.Timestamp, raw, Math.Max((uint)raw.Length, wire), comment.ToString());
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context)
    {
    }

    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        _stream.Flush();
        _stream.Dispose();
    }

    private void WriteSectionHeader()
    {
        Span<byte> body = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(body, 0x1A2B3C4D); // byte-order magic
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], 1);     // version 1.0
        BinaryPrimitives.WriteUInt16LittleEndian(body[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], -1);     // section length unknown
        WriteBlock(SectionHeader, body, []);
    }

    private void WriteInterface()
    {
        Span<byte> body = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(body, LinkTypeRaw);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], SnapLength);
        // if_tsresol 9: nanoseconds, matching the kernel's timestamps.
        WriteBlock(InterfaceDescription, body, [(OptionTimestampResolution, [9])]);
    }

    private void WritePacket(ulong monotonicNs, byte[] data, uint originalLength, string comment)
    {
        ulong ns = (ulong)((long)monotonicNs + _realMinusMonotonicNs);
        int padded = (data.Length + 3) & ~3;
        var body = new byte[20 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(body, 0); // interface 0
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)(ns >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)ns);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), originalLength);
        data.CopyTo(body, 20);
        WriteBlock(EnhancedPacket, body, [(OptionComment, Encoding.UTF8.GetBytes(comment))]);
        Packets++;
    }

    /// <summary>type, total length, body, options (each padded to 4 bytes, ended by opt_endofopt), total length.</summary>
    private void WriteBlock(uint type, ReadOnlySpan<byte> body, IReadOnlyList<(ushort Code, byte[] Value)> options)
    {
        int optionsLength = options.Count == 0 ? 0 : options.Sum(o => 4 + ((o.Value.Length + 3) & ~3)) + 4;
        int total = 12 + body.Length + optionsLength;
        var block = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)total);
        body.CopyTo(block.AsSpan(8));
        int at = 8 + body.Length;
        foreach (var (code, value) in options)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(at), code);
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(at + 2), (ushort)value.Length);
            value.CopyTo(block, at + 4);
            at += 4 + ((value.Length + 3) & ~3);
        }
        if (options.Count > 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(at), OptionEnd);
            at += 4;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(at), (uint)total);
        _stream.Write(block);
    }
}
