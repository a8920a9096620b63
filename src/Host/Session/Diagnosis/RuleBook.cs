using System.Runtime.CompilerServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Options;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// The knowledge base of a --diag session: the plugins' rules plus the .rules files of each --rules
/// directory, compiled (or taken from the cache) and indexed by trace so each hit looks up only its own.
/// </summary>
internal sealed class RuleBook
{
    private readonly IReadOnlyList<CompiledRule> _rules;
    private readonly Dictionary<(string Trace, string Group), CompiledRule[]> _byTrace = [];

    private RuleBook(IReadOnlyList<CompiledRule> rules, bool fromCache)
    {
        _rules = rules;
        FromCache = fromCache;
    }

    public int Count => _rules.Count;

    public IReadOnlyList<CompiledRule> Rules => _rules;

    /// <summary>The compiled assembly came from the cache: no Roslyn run.</summary>
    public bool FromCache { get; }

    /// <summary>The traces rules name (group rules apart): diagnosis turns them on.</summary>
    public IReadOnlySet<string> WatchedTraces => _rules.SelectMany(r => r.Traces).ToHashSet(StringComparer.Ordinal);

    /// <summary>Compiles the rules; a broken file stops the session with its first problem as file:line:col.</summary>
    /// <param name="verbose">Told why a cached assembly was not loaded.</param>
    public static RuleBook Load(PluginCatalog plugins, SessionOptions options, string? cacheDirectory, Action<string>? verbose = null)
    {
        var sources = ShippedSources(plugins).Concat(options.RuleDirs.SelectMany(d => ReadDirectory(d, options.UnsafePlugins))).ToList();
        return Compile(sources, ContextFor(plugins), cacheDirectory, verbose);
    }

    /// <summary>The knowledge base the plugins ship, in the order every mode loads it (the cache key is that list).</summary>
    public static IReadOnlyList<RuleSource> ShippedSources(PluginCatalog plugins) => [.. plugins.Groups.SelectMany(g => g.Rules)];

    /// <summary>
    /// Compiles the given rule files against <paramref name="context"/>; null <paramref name="cacheDirectory"/>: no cache.
    /// A cached assembly is code loaded into a root process, so it is trusted as plugins are (<see cref="FileTrust"/>,
    /// --unsafe-plugins apart: refusing the cache costs only a compile).
    /// </summary>
    /// <param name="shipped">Whether the bundle's compiled rules and the sets linked into the native executable may serve (not when filling a cache).</param>
    public static RuleBook Compile(IReadOnlyList<RuleSource> sources, RuleContext context, string? cacheDirectory, Action<string>? verbose = null,
        bool shipped = true)
    {
        // A set compiled into the native executable needs neither a compiler nor an assembly to load (but does not
        // fill a cache).
        if (shipped && RuleCompiler.Linked(sources, context) is { } linked)
            return new RuleBook(linked, fromCache: true);
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new JitRequiredException("the rules");
        var compilation = RuleCompiler.Compile(sources, context,
            new RuleCompilerOptions
            {
                CacheDirectory = cacheDirectory,
                ShippedDirectory = cacheDirectory is null || !shipped ? null : ShippedCacheDirectory,
                NoCache = cacheDirectory is null,
                CacheTrust = FileTrust.Why,
            });
        if (compilation.CacheRefusal is { } refusal)
            verbose?.Invoke($"rules cache: {refusal}; compiling the rules instead");
        if (compilation.HasErrors)
        {
            int more = compilation.Diagnostics.Count - 1;
            throw new UsageException($"{compilation.Diagnostics[0]}" + (more > 0 ? $" (and {more} more; nettrace rules check lists them)" : ""));
        }
        return new RuleBook(compilation.Rules, compilation.FromCache);
    }

    /// <summary>The rules that watch this trace, in file order.</summary>
    public CompiledRule[] For(string trace, string group) =>
        _byTrace.TryGetValue((trace, group), out var rules) ? rules : Collect(trace, group);

    // Apart from For: a lambda's captures are allocated on entry to the method that holds it, even on a cache hit.
    private CompiledRule[] Collect(string trace, string group)
    {
        CompiledRule[] rules = [.. _rules.Where(r => r.AppliesTo(trace, group))];
        _byTrace[(trace, group)] = rules;
        return rules;
    }

    /// <summary>
    /// What rules may name: the packet-path traces and groups, the mode-only groups' own (socket rules mark --sock
    /// and --monitor lines), and the fields events carry, the host's and those the groups declare.
    /// </summary>
    public static RuleContext ContextFor(PluginCatalog plugins)
    {
        var catalog = TraceCatalog.From(plugins);
        return new RuleContext(
            catalog.Traces.Select(t => t.Name).Concat(plugins.Groups.SelectMany(g => g.Traces.Select(t => t.Name))).Distinct(StringComparer.Ordinal).ToList(),
            catalog.Groups.Select(g => g.Name).Concat(plugins.Groups.Select(g => g.Name)).Distinct(StringComparer.Ordinal).ToList(),
            FieldsOf(plugins));
    }

    /// <summary>The host's rule fields and those the groups declare (a name declared twice counts once).</summary>
    public static IReadOnlyList<RuleField> FieldsOf(PluginCatalog plugins) =>
        [.. RuleContext.DefaultFields.Concat(plugins.Groups.SelectMany(g => g.RuleFields)).DistinctBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The plugins' rules compiled when the bundle was published (<c>nettrace rules compile --cache</c>), next to
    /// the executable: a first --diag on a new machine runs no compiler.
    /// </summary>
    public static string ShippedCacheDirectory => Path.Combine(AppContext.BaseDirectory, "rules-cache");

    /// <summary>Where compiled rules are kept: the system cache as root, the user's cache otherwise; null when neither is usable.</summary>
    public static string? DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("NETTRACE_RULES_CACHE") is { Length: > 0 } given)
            return given;
        if (Environment.UserName == "root")
            return "/var/cache/nettrace/rules";
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return xdg is { Length: > 0 } ? Path.Combine(xdg, "nettrace", "rules")
            : home.Length > 0 ? Path.Combine(home, ".cache", "nettrace", "rules") : null;
    }

    private static IEnumerable<RuleSource> ReadDirectory(string dir, bool allowUnsafe)
    {
        if (!Directory.Exists(dir))
            throw new UsageException($"--rules {dir}: no such directory");
        var files = Directory.GetFiles(dir, "*.rules").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new UsageException($"--rules {dir}: no .rules files there");
        foreach (string file in files)
            FileTrust.Check(file, "rules file", allowUnsafe);
        return files.Select(f => new RuleSource(f, File.ReadAllText(f)));
    }
}
