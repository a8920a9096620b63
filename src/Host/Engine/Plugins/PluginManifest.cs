using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// What a plugin serves, declared beside its assembly as <c>&lt;Name&gt;.modes</c>: words among drop, sock,
/// monitor, rtt (its groups' <see cref="ServedModes"/>) and path (a packet-path group), '#' starting a comment.
/// A mode served by one plugin (--drop) loads only the plugins that list it, without opening the others (each costs
/// an assembly load and its catalogue's JIT, seconds under emulation). A plugin without the file may serve anything
/// and is always loaded; a unit test holds the built-in plugins' files to what their groups declare.
/// </summary>
internal static class PluginManifest
{
    public const string Extension = ".modes";
    public const string Drop = "drop";
    public const string Path = "path";

    /// <summary>Whether the plugin <paramref name="dll"/> may serve <paramref name="mode"/>: it has no manifest, or lists it.</summary>
    public static bool MayServe(string dll, string mode)
    {
        string path = System.IO.Path.ChangeExtension(dll, Extension);
        return !File.Exists(path) || Read(File.ReadAllText(path)).Contains(mode);
    }

    /// <summary>The words of a manifest's text.</summary>
    public static IReadOnlySet<string> Read(string text) =>
        text.Split('\n')
            .Select(line => line.Split('#')[0])
            .SelectMany(line => line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The words that describe what <paramref name="groups"/> serve: what their plugin's manifest must say.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<TraceGroup> groups)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group.Serves.Drop)
                words.Add(Drop);
            if (group.Serves.Sock)
                words.Add("sock");
            if (group.Serves.Monitor is not null)
                words.Add("monitor");
            if (group.Serves.Rtt is not null)
                words.Add("rtt");
            if (!group.ModeOnly)
                words.Add(Path);
        }
        return words;
    }
}
