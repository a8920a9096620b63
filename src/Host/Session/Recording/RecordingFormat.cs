namespace NetTrace.Host.Session.Recording;

/// <summary>
/// The recording file: the magic "NTREC\n", a little-endian u32 format version, a u32 length and that many
/// bytes of JSON <see cref="RecordingHeader"/>, then frames until the end: a u32 length and the record exactly
/// as the kernel wrote it into the ring buffer. Raw records keep a recording re-decodable by a later nettrace
/// with newer renderers and rules; the version changes whenever that layout does. Format 2 added skb->mark to the
/// skb tracer's record; format 1's records are still read (the decoder tells them by their length).
/// </summary>
internal static class RecordingFormat
{
    public const int Version = 2;

    /// <summary>The oldest format this nettrace still reads.</summary>
    public const int OldestReadable = 1;

    /// <summary>A frame longer than this is damage, not data: no ring buffer record is near it.</summary>
    public const int MaxRecordBytes = 1 << 16;

    public const int MaxHeaderBytes = 1 << 24;

    public static ReadOnlySpan<byte> Magic => "NTREC\n"u8;
}
