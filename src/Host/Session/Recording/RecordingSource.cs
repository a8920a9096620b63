using NetTrace.Bpf;

namespace NetTrace.Host.Session.Recording;

/// <summary>Recorded records, read in batches as a poll would deliver them; the recording's end ends the session.</summary>
internal sealed class RecordingSource(RecordingReader reader) : IRecordSource
{
    /// <summary>Records per poll: the mode's stop (-c) is checked between records, so the size only bounds a poll's work.</summary>
    private const int Batch = 4096;

    private RingBuffer.RecordHandler? _deliver;

    public void Start(RingBuffer.RecordHandler deliver) => _deliver = deliver;

    public bool Poll(int timeoutMs)
    {
        for (int i = 0; i < Batch; i++)
        {
            if (!reader.TryRead(out var record))
                return false;
            _deliver!(record);
        }
        return true;
    }

    /// <summary>A recording's poll never waits.</summary>
    public void Interrupt()
    {
    }

    /// <summary>A stopped replay reads no further.</summary>
    public void Drain()
    {
    }
}
