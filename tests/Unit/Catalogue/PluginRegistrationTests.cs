using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>Each catalogue-only plugin declares its groups through Register, and nothing else.</summary>
public sealed class PluginRegistrationTests
{
    [Fact]
    public void Register_PathPlugin_DeclaresThePacketPathGroups()
    {
        string[] expected =
        [
            "link-in", "link-out", "sched", "bridge", "arp", "neigh", "bonding", "vlan", "vxlan", "ipvlan", "ovs", "packet",
            "ip-in", "ip-out", "route", "xfrm", "icmp", "udp-in", "life",
        ];

        Assert.Equal(expected, RecordingRegistry.GroupsOf(new PathPlugin()).Select(g => g.Name));
    }

    [Fact]
    public void Register_NetfilterPlugin_DeclaresNetfilterAndConntrack()
    {
        Assert.Equal(["netfilter", "conntrack"], RecordingRegistry.GroupsOf(new NetfilterPlugin()).Select(g => g.Name));
    }

    [Fact]
    public void Register_TcpPlugin_DeclaresTcpInAndOut()
    {
        Assert.Equal(["tcp-in", "tcp-out"], RecordingRegistry.GroupsOf(new TcpPlugin()).Select(g => g.Name));
    }

    [Fact]
    public void Register_CatalogueGroups_BringAnObjectOnlyForTheirOwnEntryPrograms()
    {
        Assert.All(CatalogueGroups.All, g =>
        {
            // A group ships a BPF object exactly when one of its traces names its own entry program.
            bool ownEntries = g.Traces.SelectMany(t => t.Targets).Any(t => t.Kind == AttachKind.Kprobe && !t.IsGeneric);
            Assert.Equal(ownEntries, g.OpenBpfObject is not null);
            Assert.Null(g.Decoder);
            Assert.Empty(g.EventKinds);
            Assert.False(g.ModeOnly, g.Name);
        });
    }

    [Fact]
    public void Netfilter_EntryObject_HasEveryNamedProgramInBothFlavours()
    {
        var group = Assert.Single(CatalogueGroups.All, g => g.Name == "netfilter");
        using var stream = group.OpenBpfObject!();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        NetTrace.Bpf.NativeLibraries.Install();
        using var obj = NetTrace.Bpf.BpfObject.Open(copy.ToArray(), "netfilter");
        var programs = obj.Programs.Select(p => p.Name).ToHashSet();
        foreach (var target in group.Traces.SelectMany(t => t.Targets).Where(t => !t.IsGeneric))
        {
            Assert.Contains(target.Program, programs);
            Assert.Contains(target.Program + NetTrace.Host.Engine.PluginEntries.MultiSuffix, programs);
        }
    }

    [Fact]
    public void Register_EveryGroup_HasOneShortDescriptionLine()
    {
        Assert.All(CatalogueGroups.All, g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.Description), g.Name);
            Assert.DoesNotContain('\n', g.Description);
            Assert.True(g.Description.Length <= 70, $"{g.Name}: {g.Description.Length} characters");
        });
    }

    [Fact]
    public void Register_EveryGroup_HasTraces()
    {
        Assert.All(CatalogueGroups.All, g => Assert.NotEmpty(g.Traces));
    }

    [Fact]
    public void Register_AllPluginsIntoHostCatalog_IsAccepted()
    {
        var catalog = new PluginCatalog();

        new DropTraceGroup().Register(catalog);
        foreach (var plugin in CatalogueGroups.Plugins)
            plugin.Register(catalog);

        Assert.Equal(CatalogueGroups.All.Count + 1, catalog.Groups.Count);
    }

    [Fact]
    public void Register_SamePluginTwice_DeclaresEqualGroups()
    {
        // The catalogues are static data: registering again must not build different tables.
        IReadOnlyList<TraceGroup> first = RecordingRegistry.GroupsOf(new TcpPlugin());
        IReadOnlyList<TraceGroup> second = RecordingRegistry.GroupsOf(new TcpPlugin());

        // The same tables (by reference); the rule files are read again, so compare those by content.
        Assert.Equal(first.Select(g => g.Traces), second.Select(g => g.Traces));
        Assert.Equal(first.SelectMany(g => g.Rules), second.SelectMany(g => g.Rules));
    }
}
