namespace NetTrace.Rules.Codegen;

/// <summary>
/// Compiled rule assemblies on disk as <c>&lt;dir&gt;/&lt;key&gt;.dll</c>. A cache that cannot be read or
/// written is simply not used: it only ever saves time.
/// </summary>
internal static class RuleAssemblyCache
{
    /// <summary>An entry's compiled assembly.</summary>
    public const string Assembly = ".dll";

    /// <summary>An entry's analysed rules (<see cref="RuleModelFile"/>).</summary>
    public const string Model = ".model";

    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode EntryMode = (UnixFileMode)0b110_100_100;

    /// <summary>
    /// Why the entry for <paramref name="key"/> must not be loaded, as <paramref name="trust"/> judges its directory
    /// and then the file; null when it may be, or when there is no entry.
    /// </summary>
    public static string? Distrust(string directory, string key, Func<string, string?>? trust, string extension = Assembly)
    {
        var path = PathOf(directory, key, extension);
        if (trust is null || !File.Exists(path))
            return null;
        return (trust(directory) ?? trust(path)) is { } why ? $"not loading {path}: {why}" : null;
    }

    public static byte[]? TryRead(string directory, string key, string extension = Assembly)
    {
        try
        {
            var path = PathOf(directory, key, extension);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static void TryWrite(string directory, string key, byte[] image, string extension = Assembly)
    {
        if (OperatingSystem.IsWindows())
            return; // nettrace runs on Linux only; the modes below mean nothing elsewhere
        var temporary = Path.Combine(directory, $"{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Writable by the owner only, whatever the umask: the host refuses entries others could have changed.
            Directory.CreateDirectory(directory, DirectoryMode);
            // Write then rename: a concurrent reader sees the whole file or none of it.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = EntryMode };
            using (var file = new FileStream(temporary, create))
                file.Write(image);
            File.Move(temporary, PathOf(directory, key, extension), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            TryDelete(temporary);
        }
    }

    private static string PathOf(string directory, string key, string extension) => Path.Combine(directory, key + extension);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Left behind; the name is unique and harmless.
        }
    }
}
