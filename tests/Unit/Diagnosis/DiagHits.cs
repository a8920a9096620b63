using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Rules.Model;
using NetTrace.Tests.Unit.Catalogue;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>Hits as the host decodes them for --diag: real trace and group names, returns, netfilter extras.</summary>
internal static class DiagHits
{
    /// <summary>The shipped knowledge base, compiled once for all diagnosis tests.</summary>
    public static RuleBook ShippedRules { get; } = RuleBook.Compile(
        [.. CatalogueGroups.All.SelectMany(g => g.Rules)],
        new RuleContext(
            [.. CatalogueGroups.All.SelectMany(g => g.Traces).Select(t => t.Name)],
            [.. CatalogueGroups.All.Select(g => g.Name)],
            RuleContext.DefaultFields),
        cacheDirectory: null);

    public static SkbTraceEvent At(decimal seconds, ulong skb, string trace, string group, PacketInfo packet,
        long? ret = null, SkbExtraRecord? extra = null, ulong aux0 = 0, ulong aux1 = 0, bool free = false)
    {
        var flags = SkbTraceFlags.None;
        if (ret is not null) flags |= SkbTraceFlags.Return;
        if (extra is not null) flags |= SkbTraceFlags.Extra;
        if (free) flags |= SkbTraceFlags.Free;
        var meta = new PacketMeta { Timestamp = Ts(seconds), Skb = skb };
        var record = new SkbTraceRecord { Flags = flags, Ret = (ulong)(ret ?? 0), Aux0 = aux0, Aux1 = aux1, StackId = -1 };
        return new SkbTraceEvent(meta, packet, record, trace, group, trace, extra);
    }

    public static SkbExtraRecord Hook(byte pf, byte hook, params ulong[] hooks)
    {
        var extra = new SkbExtraRecord { Kind = SkbExtraKind.NetfilterHook, Pf = pf, Hook = hook, HookCount = (byte)hooks.Length };
        Span<byte> bytes = extra.Bytes;
        for (int i = 0; i < hooks.Length; i++)
            BitConverter.TryWriteBytes(bytes[(i * 8)..], hooks[i]);
        return extra;
    }

    /// <summary>The hits through the lifecycle assembler and --diag's writer (--diag-keep), as the text a user reads.</summary>
    public static string Diagnose(RuleBook rules, IRenderContext kernel, IEnumerable<SkbTraceEvent> hits)
    {
        var renderers = CatalogueGroups.All.Where(g => g.Renderer is not null).ToDictionary(g => g.Name, g => g.Renderer!);
        var diagnoser = new Diagnoser(rules, kernel, renderers, quiet: false, keep: true, hooks: false);
        var output = new StringWriter { NewLine = "\n" };
        var writer = new NetTrace.Host.Sinks.Lifecycle.LifecycleWriter(output, new NetTrace.Host.Session.Output.EventClock(date: false),
            detail: false, showReturn: false, kernel, 0, diagnoser);
        var assembler = new NetTrace.Host.Session.Lifecycle.LifecycleAssembler();
        foreach (var hit in hits)
            writer.Write(assembler.Add(hit));
        writer.Write(assembler.Flush());
        return output.ToString();
    }

    /// <summary>An iptables-legacy table verdict (the chain is the hook's built-in one).</summary>
    public static SkbExtraRecord Table(byte pf, byte hook, string table, byte policy = 0)
    {
        var extra = new SkbExtraRecord { Kind = SkbExtraKind.NetfilterTable, Pf = pf, Hook = hook, TableFamily = pf, Policy = policy };
        Encoding.UTF8.GetBytes(table).CopyTo(extra.Bytes);
        return extra;
    }

    /// <summary>An nftables chain verdict; <paramref name="family"/> 0 leaves the table's family unread (old records).</summary>
    public static SkbExtraRecord Chain(byte pf, byte hook, string table, string chain, byte family = 0, byte policy = 0)
    {
        var extra = new SkbExtraRecord { Kind = SkbExtraKind.NetfilterChain, Pf = pf, Hook = hook, TableFamily = family, Policy = policy };
        Span<byte> bytes = extra.Bytes;
        Encoding.UTF8.GetBytes(table).CopyTo(bytes);
        Encoding.UTF8.GetBytes(chain).CopyTo(bytes[SkbExtraRecord.TableLength..]);
        return extra;
    }

    /// <summary>A kernel with the given symbols and the drop reasons the seed's samples name.</summary>
    public sealed class Kernel(Dictionary<ulong, string> symbols) : IRenderContext
    {
        public bool HasDropReasons => true;

        public string Symbolize(ulong address) => symbols.TryGetValue(address, out var name) ? name : $"0x{address:x}";

        public string DropReasonName(uint reason) => reason switch
        {
            1 => "NOT_SPECIFIED",
            2 => "NO_SOCKET",
            7 => "NETFILTER_DROP",
            129 => "NEWER_THAN_ANY_RECORDED", // newer than the knowledge base: no rule names it
            _ => $"REASON{reason}",
        };

        public IReadOnlyList<ulong> Stack(int stackId) => [];
    }
}
