namespace NetTrace.Bpf;

/// <summary>
/// Disposes many BPF links at once. Releasing a perf-event kprobe waits in the kernel for RCU grace periods
/// (unregister_kprobe's synchronize_rcu, perf's tracepoint_synchronize_unregister); one after the other, the 74
/// links of the default mode on a kernel without kprobe.multi kept the user waiting seconds after the last line.
/// Concurrent releases share those grace periods, so each is handed to one of several threads that mostly sleep.
/// </summary>
public static class ParallelRelease
{
    /// <summary>Threads at most: enough to overlap the kernel's waits, few enough to start in no time.</summary>
    public const int MaxThreads = 16;

    /// <summary>
    /// Disposes every item, on up to <see cref="MaxThreads"/> dedicated threads (the thread pool adds threads
    /// too slowly for work that blocks), and returns once all are disposed. An item that throws does not stop
    /// the others; the first exception is rethrown at the end.
    /// </summary>
    public static void DisposeAll<T>(IReadOnlyList<T> items) where T : IDisposable
    {
        if (items.Count <= 1)
        {
            foreach (var item in items)
                item.Dispose();
            return;
        }
        int next = -1;
        Exception? first = null;
        void Work()
        {
            for (int i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    items[i].Dispose();
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref first, e, null);
                }
            }
        }
        var threads = Enumerable.Range(0, Math.Min(items.Count, MaxThreads) - 1)
            .Select(_ => new Thread(Work, maxStackSize: 256 * 1024) { IsBackground = true, Name = "nt-release" })
            .ToList();
        threads.ForEach(t => t.Start());
        Work(); // the calling thread takes its share
        threads.ForEach(t => t.Join());
        if (first is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
