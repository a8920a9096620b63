using System.Buffers.Binary;
using System.Text.Json;

namespace NetTrace.Host.Session.Recording;

/// <summary>Reads a recording back: the header first, then each raw record in the order it was written.</summary>
internal sealed class RecordingReader : IDisposable
{
    private readonly Stream _file;
    private readonly string _path;
    private readonly byte[] _buffer = new byte[RecordingFormat.MaxRecordBytes];

    private RecordingReader(Stream file, string path, RecordingHeader header)
    {
        _file = file;
        _path = path;
        Header = header;
    }

    public RecordingHeader Header { get; }

    /// <summary>Opens <paramref name="path"/> and checks its magic, version and header.</summary>
    public static RecordingReader Open(string path)
    {
        Stream file;
        try
        {
            file = new BufferedStream(File.OpenRead(path), 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"{path}: {e.Message}");
        }
        try
        {
            return new RecordingReader(file, path, ReadHeader(file, path));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next record, valid until the next call; false at the end of the file.</summary>
    public bool TryRead(out ReadOnlySpan<byte> record)
    {
        record = default;
        Span<byte> length = stackalloc byte[4];
        int got = _file.ReadAtLeast(length, 4, throwOnEndOfStream: false);
        if (got == 0)
            return false;
        if (got < 4)
            throw Damaged("truncated in a record's length");
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(length);
        if (n == 0 || n > RecordingFormat.MaxRecordBytes)
            throw Damaged($"a record of {n} bytes");
        if (_file.ReadAtLeast(_buffer.AsSpan(0, (int)n), (int)n, throwOnEndOfStream: false) < n)
            throw Damaged("truncated in a record");
        record = _buffer.AsSpan(0, (int)n);
        return true;
    }

    /// <summary>Every remaining record, copied (benchmarks preload a recording this way).</summary>
    public List<byte[]> ReadAll()
    {
        var all = new List<byte[]>();
        while (TryRead(out var record))
            all.Add(record.ToArray());
        return all;
    }

    public void Dispose() => _file.Dispose();

    private RecordingException Damaged(string what) => new($"{_path}: damaged recording: {what}");

    private static RecordingHeader ReadHeader(Stream file, string path)
    {
        Span<byte> fixedPart = stackalloc byte[RecordingFormat.Magic.Length + 8];
        if (file.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false) < fixedPart.Length
            || !fixedPart[..RecordingFormat.Magic.Length].SequenceEqual(RecordingFormat.Magic))
            throw new RecordingException($"{path}: not a nettrace recording");
        int version = (int)BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[RecordingFormat.Magic.Length..]);
        if (version is < RecordingFormat.OldestReadable or > RecordingFormat.Version)
            throw new RecordingException(
                $"{path}: recording format {version}, this nettrace reads formats {RecordingFormat.OldestReadable} to {RecordingFormat.Version}");
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[(RecordingFormat.Magic.Length + 4)..]);
        if (length == 0 || length > RecordingFormat.MaxHeaderBytes)
            throw new RecordingException($"{path}: damaged recording: a header of {length} bytes");
        byte[] json = new byte[length];
        if (file.ReadAtLeast(json, json.Length, throwOnEndOfStream: false) < json.Length)
            throw new RecordingException($"{path}: damaged recording: truncated in the header");
        try
        {
            return JsonSerializer.Deserialize(json, RecordingJson.Default.RecordingHeader)
                ?? throw new RecordingException($"{path}: damaged recording: empty header");
        }
        catch (JsonException e)
        {
            throw new RecordingException($"{path}: damaged recording: header: {e.Message}");
        }
    }
}
