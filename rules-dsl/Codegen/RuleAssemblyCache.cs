namespace NetTrace.Rules.Codegen;

/// <summary>
/// Compiled rule assemblies on disk as <c>&lt;dir&gt;/&lt;key&gt;.dll</c>. A cache that cannot be read or
/// written is simply not used: it only ever saves time.
/// </summary>
internal static class RuleAssemblyCache
{
    public static byte[]? TryRead(string directory, string key)
    {
        try
        {
            var path = PathOf(directory, key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static void TryWrite(string directory, string key, byte[] image)
    {
        var temporary = Path.Combine(directory, $"{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            // Write then rename: a concurrent reader sees the whole file or none of it.
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(directory, key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            TryDelete(temporary);
        }
    }

    private static string PathOf(string directory, string key) => Path.Combine(directory, key + ".dll");

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
