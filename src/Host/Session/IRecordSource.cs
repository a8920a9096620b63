using NetTrace.Bpf;

namespace NetTrace.Host.Session;

/// <summary>
/// Where a session's raw records come from: the kernel's ring buffer for a live session or an incident, a recording
/// for replay and diff. Everything after it (decode, mode, analysis, sinks) is the same whichever it is.
/// </summary>
internal interface IRecordSource
{
    /// <summary>Sends every record from now on to <paramref name="deliver"/>.</summary>
    void Start(RingBuffer.RecordHandler deliver);

    /// <summary>
    /// Hands over what is ready, waiting up to <paramref name="timeoutMs"/> for it (-1: until records come or
    /// <see cref="Interrupt"/>); false once nothing more can come.
    /// </summary>
    bool Poll(int timeoutMs);

    /// <summary>Ends the current (or next) <see cref="Poll"/>'s wait at once; callable from any thread.</summary>
    void Interrupt();

    /// <summary>At stop: hands over what is already there, without waiting.</summary>
    void Drain();
}
