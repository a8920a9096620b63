using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Sinks.Text;

/// <summary>The seed's --detail columns, one definition for every line that has them (plugin events, skb hits).</summary>
internal static class DetailColumns
{
    /// <summary>
    /// "[skb][point][cpu:N  ][ifname][pid:N      ][comm        ][ns:N] "; the point column only where given (skb
    /// hits). The seed's columns, then the netns upstream added since, so a script matching the seed's still does.
    /// </summary>
    public static void Append(StringBuilder line, PacketMeta meta, string? point = null)
    {
        line.Append(CultureInfo.InvariantCulture, $"[{meta.Skb:x}]");
        if (point is not null)
            line.Append(CultureInfo.InvariantCulture, $"[{point,-20}]");
        line.Append(CultureInfo.InvariantCulture, $"[cpu:{meta.Cpu,-3}][{meta.IfNameText,-5}][pid:{meta.Pid,-7}][{meta.CommText,-12}][ns:{meta.Netns}] ");
    }

}
