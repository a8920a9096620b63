using System.Globalization;

namespace NetTrace.Host.Engine.Config;

/// <summary>Reads a network namespace inode the way `ls -l /proc/PID/ns/net` shows it.</summary>
internal static class NetnsInode
{
    /// <summary>The inode of this process's network namespace, from the "net:[4026531840]" link.</summary>
    public static uint Current() => Of("/proc/self/ns/net");

    public static uint Of(string nsLink)
    {
        string target = new FileInfo(nsLink).LinkTarget
            ?? throw new InvalidOperationException($"{nsLink} is not a namespace link");
        int open = target.IndexOf('[');
        int close = target.IndexOf(']');
        if (open < 0 || close <= open)
            throw new InvalidOperationException($"unexpected namespace link '{target}'");
        return uint.Parse(target.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture);
    }
}
