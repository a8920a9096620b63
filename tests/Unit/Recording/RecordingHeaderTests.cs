using System.Buffers.Binary;
using System.Text;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Tests.Unit.Recording;

/// <summary>The header's optional incident line: kept through a file, and absent from files written before it existed.</summary>
public sealed class RecordingHeaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nt-header-{Guid.NewGuid():N}.ntrec");

    private static RecordingHeader Header() => new(RecordingFormat.Version, "nettrace 0.1.0", "6.1.0-test", "diagnose",
        new DateTimeOffset(2026, 11, 25, 1, 2, 3, TimeSpan.Zero), 42, [], [new RecordedHook(3, "ip_rcv", "ip-in", "ip_rcv")]);

    private RecordingHeader WriteAndRead(RecordingHeader header)
    {
        using (var writer = RecordingWriter.Create(_path, header))
            writer.Write([1, 2, 3]);
        using var reader = RecordingReader.Open(_path);
        Assert.Equal([1, 2, 3], Assert.Single(reader.ReadAll()));
        return reader.Header;
    }

    [Fact]
    public void Incident_RoundTripsThroughTheFile()
    {
        const string incident = "TCP 10.0.0.1:40000 -> 10.0.0.2:80; trigger: kfree_skb NO_SOCKET at tcp_v4_rcv+0x1a0";

        var read = WriteAndRead(Header() with { Incident = incident });

        Assert.Equal(incident, read.Incident);
        Assert.Equal("diagnose", read.Mode);
        Assert.Equal(new RecordedHook(3, "ip_rcv", "ip-in", "ip_rcv"), Assert.Single(read.Hooks));
    }

    [Fact]
    public void Incident_NotSet_ReadsAsNull()
    {
        Assert.Null(WriteAndRead(Header()).Incident);
    }

    [Fact]
    public void OlderFile_WithoutIncidentKey_StillReads()
    {
        // A header as nettrace wrote it before incidents existed: no "incident" key at all.
        byte[] json = Encoding.UTF8.GetBytes("""
            {"version":1,"nettrace":"nettrace 0.0.9","kernel":"6.1.0","mode":"lifecycle","started":"2026-01-02T03:04:05+00:00",
             "real_minus_monotonic_ns":7,"groups":["drop"],"hooks":[{"id":14,"trace":"ip_rcv","group":"ip-in","point":"ip_rcv"}]}
            """);
        using (var file = File.Create(_path))
        {
            file.Write(RecordingFormat.Magic);
            Span<byte> u32 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(u32, RecordingFormat.Version);
            file.Write(u32);
            BinaryPrimitives.WriteUInt32LittleEndian(u32, (uint)json.Length);
            file.Write(u32);
            file.Write(json);
        }

        using var reader = RecordingReader.Open(_path);

        Assert.Null(reader.Header.Incident);
        Assert.Equal("lifecycle", reader.Header.Mode);
        Assert.Equal(["drop"], reader.Header.Groups);
        Assert.Equal(new RecordedHook(14, "ip_rcv", "ip-in", "ip_rcv"), Assert.Single(reader.Header.Hooks));
        Assert.Empty(reader.ReadAll());
    }

    public void Dispose() => File.Delete(_path);
}
