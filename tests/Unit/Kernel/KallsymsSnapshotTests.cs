using System.Text;
using NetTrace.Host.Kernel;

namespace NetTrace.Tests.Unit.Kernel;

/// <summary>
/// The boot's snapshot of /proc/kallsyms: the kernel image's text and the modules' symbols are kept, what the kernel
/// makes at run time (BPF programs, trampolines) and what it frees after boot (init text) are not, and an address
/// the snapshot does not cover goes to a live read.
/// </summary>
public sealed class KallsymsSnapshotTests
{
    private const string Kallsyms = """
        ffffffff81000000 T _stext
        ffffffff81000100 T tcp_v4_rcv
        ffffffff81000200 t tcp_v4_do_rcv
        ffffffff81100000 D some_data
        ffffffff81200000 T _etext
        ffffffff83000000 T init_one
        ffffffffc0001000 t nf_hook_one	[nf_tables]
        ffffffffc0001400 t nf_hook_two	[nf_tables]
        ffffffffc0001800 t nf_hook_three	[nf_tables]
        ffffffffc0002000 t bpf_prog_6deef7357e7b4530_nt_drop	[bpf]
        ffffffffc0003000 t bpf_trampoline_123	[__builtin__ftrace]

        """;

    private static KallsymsSnapshot Snapshot() => KallsymsSnapshot.From(Encoding.UTF8.GetBytes(Kallsyms));

    [Fact]
    public void From_KeepsImageTextAndModules_LeavesOutRunTimeSymbols()
    {
        var snapshot = Snapshot();

        var names = Enumerable.Range(0, snapshot.Table.Count).Select(snapshot.Table.Name).ToList();
        Assert.Equal(["_stext", "tcp_v4_rcv", "tcp_v4_do_rcv", "_etext", "nf_hook_one", "nf_hook_two", "nf_hook_three"], names);
        Assert.Contains(new KallsymsSnapshot.Range(0xffffffff81000000, 0xffffffff81200000), snapshot.Covered);
        Assert.Contains(new KallsymsSnapshot.Range(0xffffffffc0001000, 0xffffffffc0001800), snapshot.Covered);
        Assert.Equal(2, snapshot.Covered.Count);
    }

    [Fact]
    public void Symbolizer_CoveredAddress_NeedsNoLiveRead()
    {
        bool liveRead = false;
        var symbols = KallsymsSymbolizer.FromSnapshot(Snapshot(), () => { liveRead = true; return KallsymsTable.Parse([]); });

        Assert.Equal("tcp_v4_rcv+0x10", symbols.Symbolize(0xffffffff81000110));
        Assert.Equal("nf_hook_two+0x4", symbols.Symbolize(0xffffffffc0001404));
        Assert.False(liveRead);
    }

    [Fact]
    public void Symbolizer_BpfProgramOrInitText_GoesToTheLiveRead()
    {
        int liveReads = 0;
        var symbols = KallsymsSymbolizer.FromSnapshot(Snapshot(), () => { liveReads++; return KallsymsTable.Parse(Encoding.UTF8.GetBytes(Kallsyms)); });

        Assert.Equal("bpf_prog_6deef7357e7b4530_nt_drop+0x20", symbols.Symbolize(0xffffffffc0002020));
        Assert.Equal("init_one+0x8", symbols.Symbolize(0xffffffff83000008));
        // The last function of a module: where it ends is not known from kallsyms, so it is not covered.
        Assert.Equal("nf_hook_three+0x8", symbols.Symbolize(0xffffffffc0001808));
        Assert.Equal(1, liveReads);
    }

    [Fact]
    public void WriteThenRead_GivesTheSameSymbolsAndRanges()
    {
        var snapshot = Snapshot();
        var bytes = new MemoryStream();
        snapshot.Write(bytes);

        var read = KallsymsSnapshot.Read(new MemoryStream(bytes.ToArray()));

        Assert.NotNull(read);
        Assert.Equal(snapshot.Table.Addresses, read.Table.Addresses);
        Assert.Equal(snapshot.Covered, read.Covered);
        Assert.Equal(Enumerable.Range(0, snapshot.Table.Count).Select(snapshot.Table.Name), Enumerable.Range(0, read.Table.Count).Select(read.Table.Name));
    }

    [Fact]
    public void Read_TruncatedOrForeignData_IsRefused()
    {
        var bytes = new MemoryStream();
        Snapshot().Write(bytes);
        byte[] whole = bytes.ToArray();

        Assert.Null(KallsymsSnapshot.Read(new MemoryStream(whole[..^1])));
        Assert.Null(KallsymsSnapshot.Read(new MemoryStream("ffffffff81000000 T _stext\n"u8.ToArray())));
        Assert.Null(KallsymsSnapshot.Read(new MemoryStream()));
    }

    [Fact]
    public void From_HiddenAddresses_KeepsNothing()
    {
        var snapshot = KallsymsSnapshot.From("0000000000000000 T _stext\n0000000000000000 T tcp_v4_rcv\n"u8);

        Assert.Equal(0, snapshot.Table.Count);
        Assert.Empty(snapshot.Covered);
    }
}
