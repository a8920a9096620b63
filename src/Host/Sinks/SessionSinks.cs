using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Json;
using NetTrace.Host.Sinks.Pcap;
using NetTrace.Host.Sinks.Text;

namespace NetTrace.Host.Sinks;

/// <summary>The sinks a session's options ask for: stdout or --output, --json, --pcap, and the text line of plugin events.</summary>
internal static class SessionSinks
{
    /// <summary>Runs <paramref name="body"/> on a worker thread with the buffered stdout (or --output file) it writes to.</summary>
    public static Task<int> WithOutput(SessionOptions options, Func<TextWriter, int> body) =>
        Task.Run(() =>
        {
            // --json lines are UTF-8 already: its writer takes them as bytes. Text goes through StreamWriter, which
            // measured faster for the many short writes of lifecycle lines than Utf8Output's text path.
            using TextWriter stdout = options.Json
                ? new Utf8Output(OpenOutput(options.OutputPath))
                : new StreamWriter(OpenOutput(options.OutputPath), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            try
            {
                return body(stdout);
            }
            finally
            {
                stdout.Flush();
            }
        }, CancellationToken.None);

    /// <summary>stdout, or the --output file (created or truncated).</summary>
    public static Stream OpenOutput(string? path)
    {
        if (path is null)
            return Console.OpenStandardOutput();
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output {path}: {e.Message}");
        }
    }

    /// <summary>"begin trace..." goes to stderr under --json, so stdout carries nothing but JSON lines.</summary>
    public static void Begin(SessionOptions options, TextWriter stdout, TextWriter stderr)
    {
        var to = options.Json ? stderr : stdout;
        to.WriteLine("begin trace...");
        to.Flush();
    }

    /// <summary>
    /// "end trace..." at every exit of a live session (-c reached, Ctrl-C, SIGTERM, a diagnosis's answer), before the
    /// summary, where "begin trace..." went: scripts written for upstream wait for it. A finished diagnosis has
    /// already said it after its "analysis finished!".
    /// </summary>
    public static void End(SessionOptions options, TextWriter stdout, TextWriter stderr, bool alreadySaid = false)
    {
        if (alreadySaid)
            return;
        var to = options.Json ? stderr : stdout;
        to.WriteLine("end trace...");
        to.Flush();
    }

    /// <summary>The --json and --pcap sinks this session asked for, or null.</summary>
    public static (IEventTap? Tap, PcapngWriter? Pcap) OpenTaps(SessionOptions options, TextWriter stdout, Func<string, IRenderContext> contextOf,
        EventClock? clock = null)
    {
        PcapngWriter? pcap = null;
        if (options.PcapPath is { } path)
        {
            try
            {
                pcap = PcapngWriter.Create(path, contextOf);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--pcap {path}: {e.Message}");
            }
        }
        return (EventTaps.Of(options.Json ? new JsonLines(stdout, clock ?? new EventClock(options.Date), contextOf) : null, pcap), pcap);
    }

    /// <summary>
    /// The text writer of the plugin-group modes. --monitor mixes groups: the seed names the kernel point of a drop
    /// line there ("[kfree_skb           ]").
    /// </summary>
    public static TextEventWriter EventWriter(SessionOptions options, TextWriter stdout, EventClock clock) =>
        new(stdout, clock, options.Detail, options.Mode == TraceMode.Monitor ? (group => group.MonitorPoint) : null);
}
