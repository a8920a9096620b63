namespace NetTrace.Host.Session.Options;

/// <summary>
/// --arm: the monitor turns on lifecycle tracing for an abnormal flow. Null settings take their defaults, so a
/// setting given without --arm is still noticed (and refused outside --monitor).
/// </summary>
/// <param name="On">--arm-on rules (target and condition in .rules syntax); empty: the default triggers.</param>
internal sealed record ArmOptions(IReadOnlyList<string> On, string? Directory, uint? ForSeconds, uint? Packets, uint? RatePerMinute)
{
    public const uint DefaultSeconds = 10;
    public const uint DefaultPackets = 5;
    public const uint DefaultRate = 4;

    public bool HasSettings => Directory is not null || ForSeconds is not null || Packets is not null || RatePerMinute is not null;

    /// <summary>The option to name in a message about arming.</summary>
    public string FirstFlag => On.Count > 0 ? "--arm-on" : Directory is not null ? "--arm-dir" : ForSeconds is not null ? "--arm-for"
        : Packets is not null ? "--arm-packets" : RatePerMinute is not null ? "--arm-rate" : "--arm";

    public TimeSpan Duration => TimeSpan.FromSeconds(ForSeconds ?? DefaultSeconds);

    public uint PacketLimit => Packets ?? DefaultPackets;

    public uint Rate => RatePerMinute ?? DefaultRate;

    /// <summary>--arm-dir, or the state directory of whoever runs nettrace.</summary>
    public string ResolvedDirectory => Directory ?? DefaultDirectory();

    private static string DefaultDirectory()
    {
        if (Environment.UserName == "root")
            return "/var/lib/nettrace/incidents";
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return state is { Length: > 0 } ? Path.Combine(state, "nettrace", "incidents") : Path.Combine(home, ".local", "state", "nettrace", "incidents");
    }
}
