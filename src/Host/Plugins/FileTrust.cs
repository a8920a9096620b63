using System.Runtime.InteropServices;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Plugins;

/// <summary>
/// nettrace runs as root, so code and rules it loads must not be changeable by anyone else: a plugin or
/// .rules file (and its folder) must belong to root (or to the user who ran sudo) and must not be writable by
/// group or others. --unsafe-plugins lifts the check for development.
/// </summary>
internal static partial class FileTrust
{
    private const uint GroupOrOtherWrite = 0b000_010_010; // S_IWGRP | S_IWOTH
    private const int AtFdCwd = -100;
    private const uint StatxModeAndUid = 0x2 | 0x8; // STATX_MODE | STATX_UID

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
        if (!TryStat(path, out uint uid, out uint mode))
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

    /// <summary>
    /// The owner and st_mode of <paramref name="path"/>, symlinks followed as loading follows them. statx(2) rather
    /// than stat(2): struct stat's layout differs between architectures, struct statx's does not.
    /// </summary>
    internal static unsafe bool TryStat(string path, out uint uid, out uint mode)
    {
        StatxBuffer buffer = default;
        bool ok = statx(AtFdCwd, path, 0, StatxModeAndUid, &buffer) == 0 && (buffer.Mask & StatxModeAndUid) == StatxModeAndUid;
        uid = ok ? buffer.Uid : 0;
        mode = ok ? buffer.Mode : 0u;
        return ok;
    }

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, StatxBuffer* buffer);
}
