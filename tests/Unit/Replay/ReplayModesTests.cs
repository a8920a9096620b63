using System.Net;
using NetTrace.Host.Errors;
using NetTrace.Host.Modes.Replay;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Recording;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Replay;

public sealed class ReplayModesTests
{
    private const string File = "capture.ntrec";

    private static RecordingHeader Header(string mode) => new(RecordingFormat.Version, "nettrace 1.2.3", "6.8.0-test", mode,
        new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), 0, mode is "drop" or "sock" ? [mode] : [],
        mode is "drop" or "sock" ? [] : [new RecordedHook(1, "ip_rcv", "ip-in", "ip_rcv")]);

    private static RecordedSession Recorded(string mode) => RecordedSession.From(Header(mode), BuiltInPlugins.Catalog());

    private static SessionOptions Asked(TraceMode mode = TraceMode.Lifecycle) => new() { Mode = mode };

    [Theory]
    [InlineData("lifecycle", "Lifecycle")]
    [InlineData("basic", "Basic")]
    [InlineData("diagnose", "Diagnose")]
    [InlineData("drop", "Drop")]
    [InlineData("sock", "Sock")]
    [InlineData("monitor", "Monitor")]
    public void Resolve_NoModeAsked_KeepsTheRecordedMode(string recorded, string expected)
    {
        Assert.Equal(Enum.Parse<TraceMode>(expected), ReplayModes.Resolve(Asked(), Recorded(recorded), File).Mode);
    }

    [Theory]
    [InlineData("lifecycle", "Diagnose")]
    [InlineData("basic", "Diagnose")]
    [InlineData("diagnose", "Basic")]
    [InlineData("lifecycle", "Basic")]
    public void Resolve_PacketPathRecording_RendersInTheAskedMode(string recorded, string asked)
    {
        var mode = Enum.Parse<TraceMode>(asked);

        Assert.Equal(mode, ReplayModes.Resolve(Asked(mode), Recorded(recorded), File).Mode);
    }

    [Fact]
    public void Resolve_KeepsTheOtherOptions()
    {
        var asked = Asked(TraceMode.Diagnose) with { AnyAddress = IPAddress.Parse("1.2.3.4"), Json = true };

        var resolved = ReplayModes.Resolve(asked, Recorded("lifecycle"), File);

        Assert.Equal(asked, resolved);
    }

    [Theory]
    [InlineData("drop", "Diagnose", "--diag", "--drop")]
    [InlineData("sock", "Basic", "--basic", "--sock")]
    [InlineData("monitor", "Diagnose", "--diag", "--monitor")]
    public void Resolve_NonPacketPathRecordingAskedAsPackets_NamesTheRecordedMode(string recorded, string asked, string askedFlag, string recordedFlag)
    {
        var e = Assert.Throws<UsageException>(() => ReplayModes.Resolve(Asked(Enum.Parse<TraceMode>(asked)), Recorded(recorded), File));

        Assert.Equal($"{askedFlag} needs a recording of the packet path (default, --basic or --diag); {File} was recorded with {recordedFlag}", e.Message);
    }

    [Fact]
    public void Resolve_UnknownRecordedMode_OneError()
    {
        var e = Assert.Throws<UsageException>(() => ReplayModes.Resolve(Asked(), Recorded("teleport"), File));

        Assert.Equal($"{File}: recorded in an unknown mode 'teleport'", e.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("42")]
    public void Resolve_NumericMode_IsUnknown(string mode)
    {
        var e = Assert.Throws<UsageException>(() => ReplayModes.Resolve(Asked(), Recorded(mode), File));

        Assert.Equal($"{File}: recorded in an unknown mode '{mode}'", e.Message);
    }

    [Fact]
    public void Describe_Incident_NamesFlowAndTrigger()
    {
        var header = Header("diagnose") with { Incident = "TCP 10.0.0.1:1 -> 10.0.0.2:2; trigger: kfree_skb NO_SOCKET" };

        Assert.EndsWith("\nnettrace: incident: TCP 10.0.0.1:1 -> 10.0.0.2:2; trigger: kfree_skb NO_SOCKET", ReplayModes.Describe(File, header));
    }

    [Fact]
    public void Resolve_OptionTheRecordedModeRefuses_SaysWhichRecordingItIs()
    {
        var e = Assert.Throws<UsageException>(() => ReplayModes.Resolve(Asked() with { ShowReturn = true }, Recorded("drop"), File));

        Assert.Equal("--ret cannot be used with --drop (the recording is a drop mode one)", e.Message);
    }

    [Fact]
    public void Resolve_OptionTheAskedModeRefuses_PlainMessage()
    {
        var e = Assert.Throws<UsageException>(() => ReplayModes.Resolve(Asked(TraceMode.Basic) with { DiagKeep = true }, Recorded("diagnose"), File));

        Assert.Equal("--diag-keep needs --diag", e.Message);
    }

    [Fact]
    public void Describe_NamesFileModeKernelAndVersion()
    {
        string line = ReplayModes.Describe(File, Header("diagnose"));

        Assert.StartsWith($"nettrace: replaying {File}: diagnose mode recorded ", line);
        Assert.EndsWith(" on Linux 6.8.0-test by nettrace 1.2.3", line);
    }

    [Fact]
    public void Describe_UnknownMode_ShownAsRecorded()
    {
        Assert.Contains(": teleport recorded ", ReplayModes.Describe(File, Header("teleport")));
    }
}
