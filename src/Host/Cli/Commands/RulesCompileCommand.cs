using System.Runtime.CompilerServices;
using NetTrace.Abstractions.Errors;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Host.Cli.Commands;

/// <summary>
/// `nettrace rules compile [--cache DIR]`: compiles, ahead of any session, the rule sets the modes load: the whole
/// knowledge base (--diag, --monitor's packet path, incidents) and the markers of each mode-only group that ships
/// rules (--sock and --monitor lines). The bundle is published with them (its <c>rules-cache</c>), so a first
/// --diag on a new machine runs no compiler; a packager or an image build can warm the system cache the same way.
/// </summary>
internal static class RulesCompileCommand
{
    public const int ExitErrors = 1;

    /// <param name="csharp">Where to write each set's C# for the native executable (ADR 8); null: nowhere.</param>
    public static int Run(string? cache, TextWriter stdout, TextWriter stderr, string? csharp = null)
    {
        // Filling a cache compiles: the native executable's linked sets are no assembly to store.
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new JitRequiredException("rules compile");
        string? directory = cache ?? RuleBook.DefaultCacheDirectory();
        if (directory is null)
        {
            stderr.WriteLine("nettrace: rules compile: no rules cache folder is known here; give one with --cache DIR");
            return NetTraceCli.ExitUsage;
        }
        try
        {
            var plugins = PluginDiscovery.Discover([], _ => { });
            var context = RuleBook.ContextFor(plugins);
            foreach (var (name, sources) in RuleSets(plugins))
            {
                var book = RuleBook.Compile(sources, context, directory, shipped: false);
                // The cache is written best effort: read it back, so "compiled in DIR" is never said of a folder
                // that kept nothing.
                if (!book.FromCache && !RuleBook.Compile(sources, context, directory, shipped: false).FromCache)
                {
                    stderr.WriteLine($"nettrace: rules compile: {name}: the compiled rules could not be stored in {directory} (-v on a session says why a cache is refused)");
                    return ExitErrors;
                }
                stdout.WriteLine($"rules compile: {name}: {book.Count} rules {(book.FromCache ? "were already" : "compiled")} in {directory}");
                if (csharp is not null && !WriteLinked(name, sources, context, csharp, stdout, stderr))
                    return ExitErrors;
            }
            return 0;
        }
        catch (NetTraceException e)
        {
            stderr.WriteLine("nettrace: " + e.Message);
            return ExitErrors;
        }
    }

    /// <summary>The set's C# for the native executable, in DIR/&lt;set&gt;.g.cs (the set compiled cleanly just before).</summary>
    private static bool WriteLinked(string name, IReadOnlyList<RuleSource> sources, RuleContext context, string directory, TextWriter stdout, TextWriter stderr)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name.Replace(' ', '-') + ".g.cs");
        if (RuleCompiler.WriteLinkedSource(sources, context, path) is [var first, ..])
        {
            stderr.WriteLine($"nettrace: rules compile: {name}: {first}");
            return false;
        }
        stdout.WriteLine($"rules compile: {name}: C# for the native executable in {path}");
        return true;
    }

    /// <summary>Each set as the modes put it together, in the same order (the cache key is the sources in order).</summary>
    private static IEnumerable<(string Name, IReadOnlyList<RuleSource> Sources)> RuleSets(PluginCatalog plugins)
    {
        yield return ("knowledge base", RuleBook.ShippedSources(plugins));
        var marked = plugins.Groups.Where(g => g.ModeOnly && g.Rules.Count > 0).Select(g => g.Name).ToList();
        foreach (string group in marked)
            yield return ($"{group} markers", GroupEventMarkers.SourcesFor(plugins, [group]));
        if (marked.Count > 1)
            yield return ("all markers", GroupEventMarkers.SourcesFor(plugins, marked));
    }
}
