using System.CommandLine;
using NetTrace.Host.Modes.Diff;
using NetTrace.Host.Modes.Replay;
using NetTrace.Host.Session.Filters.Pcap;

namespace NetTrace.Host.Cli;

/// <summary>
/// The subcommands that work on recordings instead of the kernel: `replay` and `diff`. Each has its own
/// instances of the root's options it shares (filters, output), so their help and parsing are the root's own.
/// </summary>
internal static class OfflineCommands
{
    public const string ReplayDescription =
        "decode a recording (--record, or an incident) again: re-filter, re-render, re-diagnose it with today's rules";

    public const string DiffDescription =
        "compare two packets' paths through the kernel (FILE or FILE#N, the Nth packet): where they diverge and how long each stage took";

    public static Command Replay(Func<ReplayRequest, CancellationToken, Task<int>>? run)
    {
        var o = new CliOptions();
        var file = new Argument<string>("FILE") { Description = "the recording" };
        var command = new Command("replay", ReplayDescription) { file, o.Expression };
        foreach (var option in FilterOptions(o).Concat([o.ShowReturn, o.Detail, o.Date, o.Count, o.Basic, o.Diag, o.DiagQuiet, o.DiagKeep,
                     o.Hooks, o.Json, o.Output, o.Pcap, o.RuleDirs, o.PluginDirs, o.UnsafePlugins, o.Debug]))
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (CliErrors.OptionAmongExpression(result.GetValue(o.Expression), result.Command) is { } unknown)
            {
                result.AddError(unknown);
                return;
            }
            if (SessionOptionsBinder.TryBind(result, o) is { } session && session.PcapPath is { } pcap && session.OutputPath is { } output
                && Path.GetFullPath(pcap) == Path.GetFullPath(output))
                result.AddError("--pcap and --output name the same file");
            if (result.GetValue(o.Basic) && result.GetValue(o.Diag))
                result.AddError("--basic and --diag cannot be used together (pick one mode)");
            if (SessionOptionsBinder.TryBind(result, o) is { FilterExpression: { } text } && FilterExpressions.Check(text, kernel: false) is { } bad)
                result.AddError(bad);
        });
        command.SetAction((parse, cancel) => run is null
            ? Task.FromResult(NetTraceCli.ExitFailure)
            : run(new ReplayRequest(parse.GetValue(file)!, SessionOptionsBinder.Bind(parse.CommandResult, o)), cancel));
        return command;
    }

    public static Command Diff(Func<DiffRequest, CancellationToken, Task<int>>? run)
    {
        var o = new CliOptions();
        var good = new Argument<string>("GOOD") { Description = "the recording of the packet that went right (FILE, or FILE#N for its Nth packet)" };
        var bad = new Argument<string>("BAD") { Description = "the recording of the packet that went wrong (FILE or FILE#N)" };
        var command = new Command("diff", DiffDescription) { good, bad };
        foreach (var option in FilterOptions(o).Concat([o.Json, o.Output, o.PluginDirs, o.UnsafePlugins, o.Debug]))
            command.Options.Add(option);
        command.SetAction((parse, cancel) => run is null
            ? Task.FromResult(NetTraceCli.ExitFailure)
            : run(new DiffRequest(parse.GetValue(good)!, parse.GetValue(bad)!, SessionOptionsBinder.Bind(parse.CommandResult, o)), cancel));
        return command;
    }

    private static IEnumerable<Option> FilterOptions(CliOptions o) =>
    [
        o.SourceAddress, o.DestinationAddress, o.AnyAddress, o.SourcePort, o.DestinationPort, o.AnyPort, o.Protocol, o.Netns, o.Pid,
        o.MinLatency, o.PacketLength, o.TcpFlags, o.IfName, o.Mark,
    ];
}
