using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using NetTrace.Bpf.Handles;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Consumes one or more BPF ring buffer maps; records are handed over zero-copy. A poll sleeps until records come,
/// its timeout passes or <see cref="Interrupt"/> is called (an eventfd waited on beside the rings), so an idle
/// session can wait without a timeout and still stop at once.
/// </summary>
public sealed unsafe class RingBuffer : IDisposable
{
    private const int EINTR = 4;
    private const int BpfMapTypeRingbuf = 27;

    /// <summary>What a sample callback returns to end a poll early; libbpf has consumed that record already.</summary>
    private const int BudgetReached = -1_000_001;

    /// <summary>Receives one record; the span is valid only during the call.</summary>
    public delegate void RecordHandler(ReadOnlySpan<byte> record);

    /// <summary>The per-map callback state libbpf hands back through its ctx pointer.</summary>
    private sealed class Sink(RingBuffer owner, RecordHandler handler)
    {
        public RingBuffer Owner { get; } = owner;
        public RecordHandler Handler { get; } = handler;
        public Exception? Error { get; set; }
    }

    private readonly List<GCHandle> _sinks = [];
    private readonly SafeFileHandle _wake = OpenWakeEvent();
    private RingBufferHandle? _handle;

    /// <summary>Sees every record of every map before its handler does (--record).</summary>
    public RecordHandler? Recorder { get; set; }

    /// <summary>
    /// Records one <see cref="Poll"/> hands over at most. libbpf keeps consuming while the producer keeps
    /// writing, so under a flood one poll would never return: nothing would be printed, flushed or expired,
    /// and every completed lifecycle would wait in memory (836 MiB in a 3 s ping flood before this bound).
    /// </summary>
    public int Budget { get; set; } = 16384;

    private int _taken;

    /// <summary>
    /// Whether this kernel has BPF ring buffers (Linux 5.8), by libbpf's probe; <c>Errno</c> is not 0 when the probe
    /// itself failed rather than answered.
    /// </summary>
    public static (bool Supported, int Errno) ProbeKernel()
    {
        int rc = LibBpf.libbpf_probe_bpf_map_type(BpfMapTypeRingbuf, 0);
        return (rc == 1, rc < 0 ? -rc : 0);
    }

    /// <summary>Consumes <paramref name="map"/> (a BPF_MAP_TYPE_RINGBUF of a loaded object) through <paramref name="handler"/>.</summary>
    public void Add(BpfMap map, RecordHandler handler)
    {
        var sink = GCHandle.Alloc(new Sink(this, handler));
        _sinks.Add(sink);
        nint ctx = GCHandle.ToIntPtr(sink);
        if (_handle is null)
        {
            nint rb = LibBpf.ring_buffer__new(map.Fd, &OnSample, ctx, 0);
            BpfErrors.Check(rb, BpfStage.Attach, $"ring buffer {map.Name}");
            _handle = new RingBufferHandle(rb);
        }
        else
        {
            BpfErrors.Check(LibBpf.ring_buffer__add(_handle.DangerousGetHandle(), map.Fd, &OnSample, ctx), BpfStage.Attach, $"ring buffer {map.Name}");
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (-1: no limit) for records or an <see cref="Interrupt"/>, and
    /// consumes the records there are; returns how many.
    /// </summary>
    public int Poll(int timeoutMs)
    {
        if (_handle is null)
            throw new InvalidOperationException("no ring buffer was added");
        _taken = 0;
        nint rb = _handle.DangerousGetHandle();
        return Wait(LibBpf.ring_buffer__epoll_fd(rb), timeoutMs) ? Finish(LibBpf.ring_buffer__consume(rb)) : 0;
    }

    /// <summary>
    /// Wakes the <see cref="Poll"/> waiting now, or makes the next one return at once: for a stop that comes from
    /// another thread (Ctrl-C, SIGTERM). Safe to call at any time, also after <see cref="Dispose"/>.
    /// </summary>
    public void Interrupt()
    {
        bool added = false;
        try
        {
            _wake.DangerousAddRef(ref added);
            ulong one = 1;
            LibC.write((int)_wake.DangerousGetHandle(), &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Disposed: no poll is left to wake.
        }
        finally
        {
            if (added)
                _wake.DangerousRelease();
        }
    }

    /// <summary>
    /// Consumes the records already written, without waiting (up to the budget): at the end of a session, so what
    /// the kernel recorded before Ctrl-C is still shown.
    /// </summary>
    public int Drain()
    {
        if (_handle is null)
            throw new InvalidOperationException("no ring buffer was added");
        _taken = 0;
        return Finish(LibBpf.ring_buffer__consume(_handle.DangerousGetHandle()));
    }

    /// <summary>
    /// poll(2) over libbpf's epoll fd (readable while a ring holds records) and the wake eventfd, which is emptied
    /// when it fired. True when records are there to consume.
    /// </summary>
    private bool Wait(int ringsFd, int timeoutMs)
    {
        bool added = false;
        _wake.DangerousAddRef(ref added);
        try
        {
            int wakeFd = (int)_wake.DangerousGetHandle();
            var fds = stackalloc LibC.PollFd[2];
            fds[0] = new LibC.PollFd { Fd = ringsFd, Events = LibC.POLLIN };
            fds[1] = new LibC.PollFd { Fd = wakeFd, Events = LibC.POLLIN };
            if (LibC.poll(fds, 2, timeoutMs) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                    BpfErrors.Check(-errno, BpfStage.Poll, "ring buffer"); // throws
                return false;
            }
            if (fds[1].Revents != 0)
            {
                ulong count;
                LibC.read(wakeFd, &count, sizeof(ulong));
            }
            return fds[0].Revents != 0;
        }
        finally
        {
            if (added)
                _wake.DangerousRelease();
        }
    }

    private static SafeFileHandle OpenWakeEvent()
    {
        int fd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (fd < 0)
            BpfErrors.Check(-Marshal.GetLastPInvokeError(), BpfStage.Poll, "eventfd for the ring buffer's wake-up");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private int Finish(int rc)
    {
        if (rc == BudgetReached)
            return _taken;
        foreach (var sink in _sinks)
        {
            var state = (Sink)sink.Target!;
            if (state.Error is { } error)
            {
                state.Error = null;
                throw new InvalidOperationException("a record handler failed: " + error.Message, error);
            }
        }
        if (rc == -EINTR)
            return 0;
        return BpfErrors.Check(rc, BpfStage.Poll, "ring buffer");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSample(nint ctx, void* data, nuint size)
    {
        var sink = (Sink)GCHandle.FromIntPtr(ctx).Target!;
        try
        {
            var record = new ReadOnlySpan<byte>(data, (int)size);
            var owner = sink.Owner;
            owner.Recorder?.Invoke(record);
            sink.Handler(record);
            return ++owner._taken >= owner.Budget ? BudgetReached : 0;
        }
        catch (Exception e)
        {
            // An exception must not cross into libbpf; a non-zero return stops this poll.
            sink.Error = e;
            return -1;
        }
    }

    /// <summary>Stops consuming; no handler runs after this returns.</summary>
    public void Dispose()
    {
        _handle?.Dispose();
        _wake.Dispose();
        foreach (var sink in _sinks)
            sink.Free();
        _sinks.Clear();
    }
}
