using NetTrace.Host.Kernel;

namespace NetTrace.Tests.Unit.Kernel;

public sealed class KernelKnowledgeTests
{
    private const string Kallsyms = """
        ffffffff81000000 T _stext
        ffffffff820339c0 T tcp_v4_rcv
        ffffffff82034000 t tcp_v4_do_rcv
        ffffffff82100000 D some_data
        ffffffff82200000 t ip_rcv_core.isra.0	[ipv4]
        """;

    [Fact]
    public void Symbolize_AddressInsideFunction_GivesNamePlusOffset()
    {
        var symbols = KallsymsSymbolizer.Parse(new StringReader(Kallsyms));

        Assert.Equal("tcp_v4_rcv+0x81", symbols.Symbolize(0xffffffff82033a41));
        Assert.Equal("tcp_v4_do_rcv+0x0", symbols.Symbolize(0xffffffff82034000));
        Assert.Equal("ip_rcv_core.isra.0+0x10", symbols.Symbolize(0xffffffff82200010));
    }

    [Fact]
    public void Symbolize_DataSymbolsAndLowAddresses_AreNotUsed()
    {
        var symbols = KallsymsSymbolizer.Parse(new StringReader(Kallsyms));

        Assert.Equal("tcp_v4_do_rcv+0xcc000", symbols.Symbolize(0xffffffff82100000)); // D symbols skipped
        Assert.Equal("0x1000", symbols.Symbolize(0x1000));
    }

    [Fact]
    public void Symbolize_HiddenAddresses_FallsBackToHex()
    {
        var symbols = KallsymsSymbolizer.Parse(new StringReader("0000000000000000 T tcp_v4_rcv\n"));

        Assert.False(symbols.Available);
        Assert.Equal("0xffffffff82033a41", symbols.Symbolize(0xffffffff82033a41));
    }

    [Fact]
    public void DropReasons_TracepointFormat_ReadsPrintSymbolic()
    {
        string format = Path.GetTempFileName();
        File.WriteAllText(format, """
            name: kfree_skb
            print fmt: "skbaddr=%p protocol=%u location=%p reason: %s", REC->skbaddr, REC->protocol, REC->location, __print_symbolic(REC->reason, { 1, "NOT_SPECIFIED" }, { 2, "NO_SOCKET" }, { 7, "NETFILTER_DROP" }, { 65, "MAX" })
            """);
        try
        {
            var reasons = DropReasons.FromTracepointFormat(format);

            Assert.True(reasons.Available);
            Assert.Equal("NO_SOCKET", reasons.Name(2));
            Assert.Equal("NETFILTER_DROP", reasons.Name(7));
            Assert.Equal("99", reasons.Name(99));
        }
        finally
        {
            File.Delete(format);
        }
    }

    [Fact]
    public void DropReasons_SubsystemReason_NamesTheSubsystem()
    {
        var reasons = new DropReasons(new() { [2] = "NO_SOCKET" }, new() { [1] = "MAC80211_UNUSABLE", [3] = "OPENVSWITCH" });

        Assert.Equal("OPENVSWITCH:5", reasons.Name(3u << 16 | 5));
    }

    [Fact]
    public void DropReasons_MissingFormatFile_IsUnavailable()
    {
        Assert.False(DropReasons.FromTracepointFormat("/nonexistent/format").Available);
    }
}
