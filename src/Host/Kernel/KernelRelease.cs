namespace NetTrace.Host.Kernel;

/// <summary>The running kernel's full release ("6.1.0-56-cloud-amd64"), as uname gives it.</summary>
internal static class KernelRelease
{
    /// <summary>The release, or null when /proc is not readable.</summary>
    public static string? Read()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
