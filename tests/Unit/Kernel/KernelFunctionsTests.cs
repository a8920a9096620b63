using System.Text;
using NetTrace.Host.Kernel;

namespace NetTrace.Tests.Unit.Kernel;

/// <summary>
/// Catalogue names to kernel functions, from /proc/kallsyms' text or from the boot's snapshot of it: the exact name
/// first, else a compiler-renamed variant, never a __UNIQUE_ID symbol nor a data symbol; both sources agree.
/// </summary>
public sealed class KernelFunctionsTests
{
    private const string Kallsyms = """
        ffffffff81000000 T _stext
        ffffffff81000100 T tcp_v4_rcv
        ffffffff81000200 t ip_rcv_core.isra.0
        ffffffff81000300 t __UNIQUE_ID_ip_finish_output1
        ffffffff81000400 t ip_finish_output2
        ffffffff81000500 t ip_finish_output.constprop.0
        ffffffff81000600 T ip_finish_output
        ffffffff81100000 D nf_hooks_needed
        ffffffff81200000 T _etext
        ffffffffc0001000 t nft_do_chain	[nf_tables]
        ffffffffc0001800 t nft_last_one	[nf_tables]

        """;

    private static readonly string[] Wanted = ["tcp_v4_rcv", "ip_rcv_core", "ip_finish_output", "nft_do_chain", "nf_hooks_needed", "absent"];

    [Fact]
    public void FromText_PrefersExactNames_AndSkipsDataAndUniqueIds()
    {
        var found = KernelFunctions.Resolve(Wanted, Encoding.UTF8.GetBytes(Kallsyms));

        Assert.Equal(["ip_finish_output", "ip_rcv_core", "nft_do_chain", "tcp_v4_rcv"], found.Keys.Order());
        Assert.Equal(new KernelFunction("ip_finish_output", "ip_finish_output", 0xffffffff81000600), found["ip_finish_output"]);
        Assert.Equal(new KernelFunction("ip_rcv_core", "ip_rcv_core.isra.0", 0xffffffff81000200), found["ip_rcv_core"]);
        Assert.Equal(0xffffffffc0001000UL, found["nft_do_chain"].Address);
    }

    [Fact]
    public void FromTheBootSnapshot_FindsWhatTheTextDoes()
    {
        var text = KernelFunctions.Resolve(Wanted, Encoding.UTF8.GetBytes(Kallsyms));
        var snapshot = KernelFunctions.Resolve(Wanted, KallsymsSnapshot.From(Encoding.UTF8.GetBytes(Kallsyms)).Table);

        Assert.Equal(text.OrderBy(p => p.Key), snapshot.OrderBy(p => p.Key));
    }
}
