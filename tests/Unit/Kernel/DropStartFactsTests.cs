using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Kernel;

/// <summary>
/// The facts a --drop session keeps for the boot in place of the kernel's BTF: written and read back whole (the
/// reasons' names, the subsystems', the subsets byte for byte), anything else refused, and taken only by a session
/// that needs nothing more from the BTF.
/// </summary>
public sealed class DropStartFactsTests
{
    private static DropStartFacts Sample() => new(
        new DropReasons(new() { [2] = "NOT_SPECIFIED", [3] = "NO_SOCKET", [6] = "NETFILTER_DROP" }, new() { [1] = "MAC80211_UNUSABLE" }),
        new Dictionary<string, byte[]> { ["iphdr sk_buff sock"] = [0x9f, 0xeb, 1, 0, 42, 7] });

    [Fact]
    public void WrittenFacts_ReadBackTheSame()
    {
        using var stream = new MemoryStream();
        Sample().Write(stream);
        stream.Position = 0;

        var read = DropStartFacts.Read(stream);

        Assert.NotNull(read);
        Assert.Equal(["NOT_SPECIFIED", "NO_SOCKET", "NETFILTER_DROP"], read.Reasons.Names);
        Assert.Equal("NO_SOCKET", read.Reasons.Name(3));
        Assert.Equal("MAC80211_UNUSABLE:5", read.Reasons.Name((1u << 16) | 5));
        Assert.Equal([0x9f, 0xeb, 1, 0, 42, 7], read.Subsets["iphdr sk_buff sock"]);
    }

    [Fact]
    public void OtherOrCutShortFile_IsRefused()
    {
        using var full = new MemoryStream();
        Sample().Write(full);
        byte[] bytes = full.ToArray();

        Assert.Null(DropStartFacts.Read(new MemoryStream(bytes[..^3])));
        Assert.Null(DropStartFacts.Read(new MemoryStream("NTKSYM01 and more"u8.ToArray())));
        Assert.Null(DropStartFacts.Read(new MemoryStream()));
    }

    [Fact]
    public void Usable_OnlyByADropSessionThatNeedsNothingElseFromTheBtf()
    {
        Assert.True(DropSessionFacts.Usable(new SessionOptions { Mode = TraceMode.Drop }));
        Assert.False(DropSessionFacts.Usable(new SessionOptions { Mode = TraceMode.Drop, BtfPath = "/tmp/vmlinux.btf" }));
        Assert.False(DropSessionFacts.Usable(new SessionOptions { Mode = TraceMode.Drop, Traces = ["?"] }));
        Assert.False(DropSessionFacts.Usable(new SessionOptions { Mode = TraceMode.Monitor }));
        Assert.False(DropSessionFacts.Usable(new SessionOptions { Mode = TraceMode.Lifecycle }));
    }
}
