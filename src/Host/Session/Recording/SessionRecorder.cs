using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Session.Recording;

/// <summary>--record: opens the recording for a live session and taps its ring buffer.</summary>
internal static class SessionRecorder
{
    /// <summary>Null without --record; otherwise a writer already attached to <paramref name="ring"/>.</summary>
    public static RecordingWriter? Start(SessionOptions options, RingBuffer ring, IEnumerable<string> groups, IEnumerable<PlannedHook> hooks)
    {
        if (options.RecordPath is not { } path)
            return null;
        var header = NewHeader(options.Mode, groups, hooks);
        RecordingWriter writer;
        try
        {
            writer = RecordingWriter.Create(path, header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--record {path}: {e.Message}");
        }
        ring.Recorder = writer.Write;
        return writer;
    }

    /// <summary>The header of a recording made now, on this kernel, by this nettrace.</summary>
    public static RecordingHeader NewHeader(TraceMode mode, IEnumerable<string> groups, IEnumerable<PlannedHook> hooks) => new(
        RecordingFormat.Version,
        VersionText.For(typeof(SessionRecorder).Assembly),
        KernelRelease.Read() ?? Environment.OSVersion.Version.ToString(),
        mode.ToString().ToLowerInvariant(),
        DateTimeOffset.Now,
        EventClock.RealMinusMonotonicNs(),
        groups.ToList(),
        hooks.Select(h => new RecordedHook(h.Trace.Id, h.Trace.Name, h.Trace.Group.Name, h.Point)).ToList());
}
