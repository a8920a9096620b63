using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NetTrace.Host.Session.Output;

/// <summary>
/// The session's stdout (or --output file): text gathered and encoded to UTF-8 in large runs into one buffer, written
/// out only when it is full or flushed (after each poll), like the <see cref="StreamWriter"/> it replaces; and lines
/// already in UTF-8 (--json) copied into the same buffer as they are, in order with the text, instead of decoded to
/// text and encoded again.
/// </summary>
internal sealed class Utf8Output : TextWriter
{
    private const int MaxCharBytes = 4;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly Encoder _encoder = Utf8.GetEncoder(); // keeps a surrogate pair split across two writes whole
    private readonly byte[] _buffer;
    private readonly char[] _chars = new char[8192];
    private byte[] _newLine;
    private int _length;
    private int _charCount;

    public Utf8Output(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(bufferSize, MaxCharBytes)];
        _newLine = Utf8.GetBytes(CoreNewLine);
    }

    public override Encoding Encoding => Utf8;

    [AllowNull]
    public override string NewLine
    {
        get => base.NewLine;
        set
        {
            base.NewLine = value;
            _newLine = Utf8.GetBytes(CoreNewLine);
        }
    }

    public override void Write(char value)
    {
        if (_charCount == _chars.Length)
            EncodeChars();
        _chars[_charCount++] = value;
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> chars)
    {
        // Text is gathered as chars and encoded in large runs (as StreamWriter does): one encoder call per line
        // would cost more than the copy.
        while (!chars.IsEmpty)
        {
            if (_charCount == _chars.Length)
                EncodeChars();
            int n = Math.Min(chars.Length, _chars.Length - _charCount);
            chars[..n].CopyTo(_chars.AsSpan(_charCount));
            _charCount += n;
            chars = chars[n..];
        }
    }

    /// <summary>One line given as UTF-8, and the line end.</summary>
    public void WriteUtf8Line(ReadOnlySpan<byte> line)
    {
        EncodeChars();
        WriteUtf8(line);
        WriteUtf8(_newLine);
    }

    public override void Flush()
    {
        EncodeChars();
        WriteBuffer();
        _stream.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>The gathered text, encoded into the byte buffer (written out as that fills).</summary>
    private void EncodeChars()
    {
        ReadOnlySpan<char> pending = _chars.AsSpan(0, _charCount);
        while (!pending.IsEmpty)
        {
            // The encoder throws rather than convert nothing: leave room for one character (a surrogate pair's 4 bytes).
            if (_buffer.Length - _length < MaxCharBytes)
                WriteBuffer();
            _encoder.Convert(pending, _buffer.AsSpan(_length), flush: false, out int used, out int written, out _);
            _length += written;
            pending = pending[used..];
        }
        _charCount = 0;
    }

    private void WriteUtf8(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            WriteBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void WriteBuffer()
    {
        if (_length == 0)
            return;
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
