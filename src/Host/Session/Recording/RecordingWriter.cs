using System.Buffers.Binary;
using System.Text.Json;

namespace NetTrace.Host.Session.Recording;

/// <summary>Appends raw ring buffer records to a recording file (see <see cref="RecordingFormat"/>).</summary>
internal sealed class RecordingWriter : IDisposable
{
    private readonly Stream _file;
    private readonly byte[] _length = new byte[4];

    private RecordingWriter(Stream file) => _file = file;

    public long Records { get; private set; }

    public static RecordingWriter Create(string path, RecordingHeader header)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        var writer = new RecordingWriter(file);
        file.Write(RecordingFormat.Magic);
        writer.WriteU32(RecordingFormat.Version);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, RecordingJson.Default.RecordingHeader);
        writer.WriteU32(json.Length);
        file.Write(json);
        return writer;
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        WriteU32(record.Length);
        _file.Write(record);
        Records++;
    }

    public void Flush() => _file.Flush();

    public void Dispose() => _file.Dispose();

    private void WriteU32(int value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_length, (uint)value);
        _file.Write(_length);
    }
}
