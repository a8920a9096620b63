using NetTrace.Bpf;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// nettrace runs as root, so code and rules it loads must not be changeable by anyone else: a plugin or
/// .rules file (and its folder) must belong to root (or to the user who ran sudo) and must not be writable by
/// group or others. --unsafe-plugins lifts the check for development.
/// </summary>
internal static class FileTrust
{
    private const uint GroupOrOtherWrite = 0b000_010_010; // S_IWGRP | S_IWOTH

    /// <summary>Throws a one-line refusal when <paramref name="path"/> or its folder could be changed by someone else.</summary>
    /// <param name="allowUnsafe">--unsafe-plugins, as parsed: no check.</param>
    public static void Check(string path, string what, bool allowUnsafe)
    {
        if (allowUnsafe)
            return;
        foreach (string item in new[] { path, Path.GetDirectoryName(Path.GetFullPath(path))! })
        {
            if (Why(item) is { } why)
                throw new UntrustedFileException($"refusing {what} {path}: {why} (--unsafe-plugins overrides this for development)");
        }
    }

    /// <summary>Why the file is not trusted, or null.</summary>
    public static string? Why(string path)
    {
        if (!FileStatus.TryRead(path, out uint uid, out uint mode))
            return $"{path} cannot be examined";
        if (uid != 0 && uid != InvokingUser())
            return $"{path} belongs to uid {uid}, not root";
        if ((mode & GroupOrOtherWrite) != 0)
            return $"{path} is writable by {((mode & 0b000_010_000) != 0 ? "its group" : "others")}";
        return null;
    }

    /// <summary>The user sudo ran nettrace for: their own build of nettrace is theirs to trust.</summary>
    private static uint? InvokingUser() =>
        uint.TryParse(Environment.GetEnvironmentVariable("SUDO_UID"), out uint uid) ? uid : null;
}
