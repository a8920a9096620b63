using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NetTrace.Host.Session.Output;

/// <summary>
/// Formats BPF timestamps (CLOCK_MONOTONIC ns) as the seed does: seconds since boot, or with
/// --date a local date-time computed from the monotonic↔real-time offset taken at start.
/// </summary>
internal sealed class EventClock
{
    private readonly bool _date;
    private readonly long _realMinusMonotonicTicks;

    public EventClock(bool date)
    {
        _date = date;
        _realMinusMonotonicTicks = DateTime.UtcNow.Ticks - MonotonicNowNs() / 100;
    }

    /// <summary>A clock for events of another time (a recording): its offset was taken when they were seen.</summary>
    public EventClock(bool date, long realMinusMonotonicNs)
    {
        _date = date;
        _realMinusMonotonicTicks = DateTime.UnixEpoch.Ticks + realMinusMonotonicNs / 100;
    }

    /// <summary>CLOCK_MONOTONIC now, in ns: the clock bpf_ktime_get_ns uses, which Stopwatch reads on Linux.</summary>
    public static long MonotonicNowNs() => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>CLOCK_REALTIME (ns since the Unix epoch) minus CLOCK_MONOTONIC, now: turns event times into dates.</summary>
    public static long RealMinusMonotonicNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 - MonotonicNowNs();

    /// <summary>The longest text <see cref="TryFormat"/> writes ("2026-01-02 03:04:05.123456", or 20 digits of seconds).</summary>
    public const int MaxLength = 32;

    public string Format(ulong monotonicNs)
    {
        Span<char> text = stackalloc char[MaxLength];
        return new string(text[..Write(text, monotonicNs)]);
    }

    /// <summary>Appends the time as <see cref="Format"/> writes it, without making a string (once per printed line).</summary>
    public StringBuilder Append(StringBuilder line, ulong monotonicNs)
    {
        Span<char> text = stackalloc char[MaxLength];
        return line.Append(text[..Write(text, monotonicNs)]);
    }

    /// <summary>Writes the time into <paramref name="text"/> (at least <see cref="MaxLength"/> long); returns its length.</summary>
    public int Write(Span<char> text, ulong monotonicNs)
    {
        int written;
        if (!_date)
        {
            // "seconds.micros" by hand: every printed line has one, and composite formatting took a quarter of a JSON line.
            (monotonicNs / 1_000_000_000).TryFormat(text, out written, default, CultureInfo.InvariantCulture);
            text[written] = '.';
            uint micros = (uint)(monotonicNs / 1000 % 1_000_000);
            for (int i = written + 6; i > written; i--, micros /= 10)
                text[i] = (char)('0' + micros % 10);
            return written + 7;
        }
        var utc = new DateTime(_realMinusMonotonicTicks + (long)(monotonicNs / 100), DateTimeKind.Utc);
        utc.ToLocalTime().TryFormat(text, out written, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        return written;
    }
}
