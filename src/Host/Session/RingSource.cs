using NetTrace.Bpf;

namespace NetTrace.Host.Session;

/// <summary>Live records: one ring buffer over the event maps of every BPF object of the session (true order across them).</summary>
internal sealed class RingSource(RingBuffer ring, IEnumerable<BpfMap> maps) : IRecordSource
{
    public void Start(RingBuffer.RecordHandler deliver)
    {
        foreach (var map in maps)
            ring.Add(map, deliver);
    }

    public bool Poll(int timeoutMs)
    {
        ring.Poll(timeoutMs);
        return true;
    }

    public void Interrupt() => ring.Interrupt();

    public void Drain() => ring.Drain();
}
