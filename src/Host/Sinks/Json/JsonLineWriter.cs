using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// Writes one --json line as UTF-8 into a buffer kept for the session: names pre-encoded, numbers formatted in place,
/// and strings copied as they are when nothing in them needs escaping (the usual case: names, addresses, packet
/// text). A string that does need it is escaped by <see cref="Utf8JsonWriter"/> with the same relaxed encoder, so
/// every byte is what that writer would have produced; only its per-property bookkeeping is saved.
/// </summary>
internal sealed class JsonLineWriter
{
    /// <summary>Readable "->", "+0x81", quotes and brackets stay as they are for jq and people.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // ASCII characters the encoder leaves alone ('"' and '\' are never among them), searched for vectorised.
    private static readonly SearchValues<char> Plain =
        SearchValues.Create([.. Enumerable.Range(0x20, 0x7f - 0x20).Where(c => !Encoder.WillEncode(c)).Select(c => (char)c)]);

    private readonly ArrayBufferWriter<byte> _escaped = new(256);
    private readonly Utf8JsonWriter _escaper;
    private byte[] _buffer = new byte[2048];
    private int _length;
    private int _depth;
    private ulong _hasElement; // one bit per nesting depth: a comma goes before the next member
    private bool _afterName;

    public JsonLineWriter() =>
        _escaper = new Utf8JsonWriter(_escaped, new JsonWriterOptions { Encoder = Encoder, SkipValidation = true });

    /// <summary>The line so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Starts a new line.</summary>
    public void Reset()
    {
        _length = 0;
        _depth = 0;
        _hasElement = 0;
        _afterName = false;
    }

    public void StartObject()
    {
        Separator();
        Open((byte)'{');
    }

    public void StartObject(JsonName name)
    {
        Name(name);
        Open((byte)'{');
    }

    public void EndObject() => Close((byte)'}');

    public void StartArray(JsonName name)
    {
        Name(name);
        Open((byte)'[');
    }

    public void EndArray() => Close((byte)']');

    public void String(JsonName name, ReadOnlySpan<char> value)
    {
        Name(name);
        Quoted(value);
    }

    public void String(JsonName name, JsonEncodedText value)
    {
        Name(name);
        Put((byte)'"');
        Put(value.EncodedUtf8Bytes);
        Put((byte)'"');
    }

    /// <summary>A number as the string "0x..." in lowercase hex (kernel addresses), formatted in place.</summary>
    public void HexString(JsonName name, ulong value)
    {
        Name(name);
        Ensure(20);
        _buffer[_length++] = (byte)'"';
        _buffer[_length++] = (byte)'0';
        _buffer[_length++] = (byte)'x';
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written, new StandardFormat('x'));
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    public void StringValue(ReadOnlySpan<char> value)
    {
        Separator();
        Quoted(value);
    }

    public void Number(JsonName name, ulong value)
    {
        Name(name);
        Digits(value);
    }

    public void Number(JsonName name, long value)
    {
        Name(name);
        Digits(value);
    }

    public void NumberValue(ulong value)
    {
        Separator();
        Digits(value);
    }

    public void NumberValue(long value)
    {
        Separator();
        Digits(value);
    }

    public void BooleanValue(bool value)
    {
        Separator();
        Put(value ? "true"u8 : "false"u8);
    }

    /// <summary>A name given as text (a plugin's field); the value follows with one of the *Value methods.</summary>
    public void PropertyName(string name)
    {
        Separator();
        Quoted(name);
        Put((byte)':');
        _afterName = true;
    }

    /// <summary>A member's name; its value follows directly (no separator of its own).</summary>
    private void Name(JsonName name)
    {
        Separator();
        Put(name.Member);
    }

    private void Digits(ulong value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    private void Digits(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    private void Separator()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        ulong bit = 1UL << _depth;
        if ((_hasElement & bit) != 0)
            Put((byte)',');
        _hasElement |= bit;
    }

    private void Open(byte bracket)
    {
        Put(bracket);
        _depth++;
        _hasElement &= ~(1UL << _depth);
    }

    private void Close(byte bracket)
    {
        _depth--;
        Put(bracket);
    }

    private void Quoted(ReadOnlySpan<char> value)
    {
        if (value.ContainsAnyExcept(Plain))
        {
            Escaped(value);
            return;
        }
        Ensure(value.Length + 2);
        _buffer[_length++] = (byte)'"';
        _length += Encoding.ASCII.GetBytes(value, _buffer.AsSpan(_length));
        _buffer[_length++] = (byte)'"';
    }

    private void Escaped(ReadOnlySpan<char> value)
    {
        _escaped.ResetWrittenCount();
        _escaper.Reset(_escaped);
        _escaper.WriteStringValue(value);
        _escaper.Flush();
        Put(_escaped.WrittenSpan);
    }

    private void Put(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
