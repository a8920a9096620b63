using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>A file's owner and mode, read with statx(2): .NET can give a file's mode but not its owner.</summary>
public static class FileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxModeAndUid = 0x2 | 0x8; // STATX_MODE | STATX_UID

    /// <summary>
    /// The owner's uid and the st_mode (type and permission bits) of <paramref name="path"/>, symlinks followed as
    /// opening the file would follow them; false when it cannot be examined.
    /// </summary>
    public static unsafe bool TryRead(string path, out uint ownerUid, out uint mode)
    {
        StatxBuffer buffer = default;
        bool ok = LibC.statx(AtFdCwd, path, 0, StatxModeAndUid, &buffer) == 0 && (buffer.Mask & StatxModeAndUid) == StatxModeAndUid;
        ownerUid = ok ? buffer.Uid : 0;
        mode = ok ? buffer.Mode : 0u;
        return ok;
    }
}
