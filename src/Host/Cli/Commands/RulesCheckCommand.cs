using System.Runtime.CompilerServices;
using NetTrace.Abstractions.Errors;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Rules;

namespace NetTrace.Host.Cli.Commands;

/// <summary>
/// `nettrace rules check [FILE...]`: lints rule files against the traces, groups and fields the
/// installed plugins declare, together with the plugins' own rules (so a clashing name is caught), and
/// prints every problem as file:line:col. Nothing is compiled or traced.
/// </summary>
internal static class RulesCheckCommand
{
    public const int ExitErrors = 1;
    public const int ExitUsage = 2;

    public static int Run(IReadOnlyList<string> files, TextWriter stdout, TextWriter stderr)
    {
        var missing = files.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            stderr.WriteLine($"nettrace: no such rules file '{missing}'");
            return ExitUsage;
        }
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new JitRequiredException("rules check");
        PluginCatalog plugins;
        try
        {
            plugins = PluginDiscovery.Discover([], _ => { });
        }
        catch (NetTraceException e)
        {
            stderr.WriteLine("nettrace: " + e.Message);
            return ExitErrors;
        }
        var shipped = plugins.Groups.SelectMany(g => g.Rules).ToList();
        var given = files.Select(f => new RuleSource(f, File.ReadAllText(f))).ToList();
        var diagnostics = RuleCompiler.Check(shipped.Concat(given), RuleBook.ContextFor(plugins));
        foreach (var diagnostic in diagnostics)
            stdout.WriteLine(diagnostic);
        int sources = shipped.Count + given.Count;
        stdout.WriteLine(diagnostics.Count == 0
            ? $"rules check: {sources} files, no errors"
            : $"rules check: {diagnostics.Count} error{(diagnostics.Count == 1 ? "" : "s")} in {diagnostics.Select(d => d.File).Distinct().Count()} of {sources} files");
        return diagnostics.Count == 0 ? 0 : ExitErrors;
    }

}
