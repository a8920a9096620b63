using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>
/// Mirror of the kernel's <c>struct statx</c> (linux/stat.h), which unlike <c>struct stat</c> has one layout on
/// every architecture. Only the head FileStatus reads is named; <c>Size</c> keeps room for the rest (256 bytes).
/// Checked against the C header by tests/Unit/Layout/StatxLayoutTests.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 256)]
internal struct StatxBuffer
{
    /// <summary>STATX_* bits of the fields the kernel filled in.</summary>
    public uint Mask;
    public uint BlockSize;
    public ulong Attributes;
    public uint Links;
    public uint Uid;
    public uint Gid;
    /// <summary>File type and permission bits, as st_mode.</summary>
    public ushort Mode;
}
