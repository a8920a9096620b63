using System.Buffers.Binary;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Tests.Unit.Recording;

public sealed class RecordingFormatTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nt-rec-{Guid.NewGuid():N}.ntrec");

    private static RecordingHeader Header() => new(RecordingFormat.Version, "nettrace 0.1.0", "6.1.0-test", "lifecycle",
        new DateTimeOffset(2026, 11, 25, 1, 2, 3, TimeSpan.Zero), 123456789, ["drop"], [new RecordedHook(14, "ip_rcv", "ip-in", "ip_rcv")]);

    [Fact]
    public void RoundTrip_HeaderAndRecordsComeBackInOrder()
    {
        byte[][] written = [[1, 2, 3], new byte[300], [9]];
        using (var writer = RecordingWriter.Create(_path, Header()))
        {
            foreach (var record in written)
                writer.Write(record);
            Assert.Equal(3, writer.Records);
        }

        using var reader = RecordingReader.Open(_path);
        Assert.Equal("lifecycle", reader.Header.Mode);
        Assert.Equal(["drop"], reader.Header.Groups);
        Assert.Equal(new RecordedHook(14, "ip_rcv", "ip-in", "ip_rcv"), Assert.Single(reader.Header.Hooks));
        Assert.Equal(123456789, reader.Header.RealMinusMonotonicNs);
        var read = reader.ReadAll();
        Assert.Equal(written.Length, read.Count);
        for (int i = 0; i < written.Length; i++)
            Assert.Equal(written[i], read[i]);
    }

    [Fact]
    public void NotARecording_SaysSo()
    {
        File.WriteAllText(_path, "hello, this is text");
        var e = Assert.Throws<RecordingException>(() => RecordingReader.Open(_path));
        Assert.EndsWith("not a nettrace recording", e.Message);
    }

    [Fact]
    public void NewerVersion_NamesBothVersions()
    {
        using (RecordingWriter.Create(_path, Header()))
        {
        }
        byte[] bytes = File.ReadAllBytes(_path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(RecordingFormat.Magic.Length), 99);
        File.WriteAllBytes(_path, bytes);

        var e = Assert.Throws<RecordingException>(() => RecordingReader.Open(_path));
        Assert.Contains($"recording format 99, this nettrace reads formats {RecordingFormat.OldestReadable} to {RecordingFormat.Version}", e.Message);
    }

    [Fact]
    public void TruncatedRecord_IsAnErrorNotASilentEnd()
    {
        using (var writer = RecordingWriter.Create(_path, Header()))
            writer.Write(new byte[100]);
        using (var file = new FileStream(_path, FileMode.Open))
            file.SetLength(file.Length - 10);

        using var reader = RecordingReader.Open(_path);
        var e = Assert.Throws<RecordingException>(() => reader.ReadAll());
        Assert.Contains("damaged recording: truncated in a record", e.Message);
    }

    [Fact]
    public void DamagedHeader_IsReported()
    {
        using (RecordingWriter.Create(_path, Header()))
        {
        }
        byte[] bytes = File.ReadAllBytes(_path);
        bytes[RecordingFormat.Magic.Length + 8] = (byte)'#'; // the JSON's first byte
        File.WriteAllBytes(_path, bytes);

        var e = Assert.Throws<RecordingException>(() => RecordingReader.Open(_path));
        Assert.Contains("damaged recording: header", e.Message);
    }

    [Fact]
    public void ImpossibleRecordLength_IsReported()
    {
        using (RecordingWriter.Create(_path, Header()))
        {
        }
        using (var file = new FileStream(_path, FileMode.Append))
            file.Write([0xff, 0xff, 0xff, 0x7f]);

        using var reader = RecordingReader.Open(_path);
        var e = Assert.Throws<RecordingException>(() => reader.ReadAll());
        Assert.Contains("a record of 2147483647 bytes", e.Message);
    }

    public void Dispose() => File.Delete(_path);
}
