namespace NetTrace.Host.Engine;

/// <summary>
/// Loads independent BPF objects side by side. The verifier runs in the loading thread, and it is most of a
/// start under emulation (seconds an object), so objects that do not depend on each other need not wait in turn.
/// </summary>
internal static class ParallelLoad
{
    /// <summary>
    /// Runs every load and returns their results in order; when any fails, disposes those that succeeded and
    /// throws the first failure in order, as a sequential load would have.
    /// </summary>
    public static List<T> All<T>(IReadOnlyList<Func<T>> loads) where T : IDisposable
    {
        var tasks = loads.Select(load => Task.Run(load)).ToList();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            foreach (var done in tasks.Where(t => t.IsCompletedSuccessfully))
                done.Result.Dispose();
            tasks.First(t => t.IsFaulted).GetAwaiter().GetResult();
            throw;
        }
        return tasks.Select(t => t.Result).ToList();
    }

    /// <summary>
    /// Runs loads whose results the caller already owns (and releases on failure) side by side, and waits for all;
    /// the first failure in order is thrown, as a sequential load would have thrown it.
    /// </summary>
    public static void Each(IReadOnlyList<Action> loads)
    {
        if (loads.Count == 1)
        {
            loads[0]();
            return;
        }
        var tasks = loads.Select(Task.Run).ToList();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            tasks.First(t => t.IsFaulted).GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Waits for a load whose result is no longer wanted and releases it; its own failure does not matter then.</summary>
    public static void Abandon<T>(Task<T?>? load) where T : class, IDisposable
    {
        if (load is null)
            return;
        try
        {
            load.GetAwaiter().GetResult()?.Dispose();
        }
        catch (Exception)
        {
            // Whatever is being thrown already says why the session stops.
        }
    }
}
