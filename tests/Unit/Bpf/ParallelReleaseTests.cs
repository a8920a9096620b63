using NetTrace.Bpf;

namespace NetTrace.Tests.Unit.Bpf;

/// <summary>Links released at exit: every one exactly once, side by side, none skipped because another failed.</summary>
public sealed class ParallelReleaseTests
{
    private sealed class Item(Action? onDispose = null) : IDisposable
    {
        private int _disposed;
        public int Disposed => _disposed;

        public void Dispose()
        {
            Interlocked.Increment(ref _disposed);
            onDispose?.Invoke();
        }
    }

    [Fact]
    public void DisposeAll_DisposesEachItemExactlyOnce()
    {
        var items = Enumerable.Range(0, 75).Select(_ => new Item()).ToList();

        ParallelRelease.DisposeAll(items);

        Assert.All(items, i => Assert.Equal(1, i.Disposed));
    }

    [Fact]
    public void DisposeAll_ReleasesUpToMaxThreadsAtOnce()
    {
        // Each release blocks until MaxThreads of them are in progress together: done one after the other, the
        // first would wait forever (the 30 s bound only keeps a broken build from hanging the suite).
        using var together = new ManualResetEventSlim();
        int arrived = 0;
        bool allMet = true;
        var items = Enumerable.Range(0, ParallelRelease.MaxThreads * 2).Select(_ => new Item(() =>
        {
            if (Interlocked.Increment(ref arrived) == ParallelRelease.MaxThreads)
                together.Set();
            if (!together.Wait(TimeSpan.FromSeconds(30)))
                allMet = false;
        })).ToList();

        ParallelRelease.DisposeAll(items);

        Assert.True(allMet);
        Assert.All(items, i => Assert.Equal(1, i.Disposed));
    }

    [Fact]
    public void DisposeAll_OneFailure_StillDisposesTheRestAndRethrows()
    {
        var items = Enumerable.Range(0, 20).Select(n => new Item(n == 3 ? () => throw new InvalidOperationException("link 3") : null)).ToList();

        var e = Assert.Throws<InvalidOperationException>(() => ParallelRelease.DisposeAll(items));

        Assert.Equal("link 3", e.Message);
        Assert.All(items, i => Assert.Equal(1, i.Disposed));
    }

    [Fact]
    public void DisposeAll_NoneOrOne_RunsOnTheCallingThread()
    {
        int caller = Environment.CurrentManagedThreadId, seen = 0;
        ParallelRelease.DisposeAll(Array.Empty<Item>());
        ParallelRelease.DisposeAll([new Item(() => seen = Environment.CurrentManagedThreadId)]);

        Assert.Equal(caller, seen);
    }
}
