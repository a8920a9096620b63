using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>The C library: libbpf's printf-style log lines, and what .NET has no API for (signal dispositions, file owners).</summary>
internal static unsafe partial class LibC
{
    /// <summary>
    /// On x86-64 and arm64 Linux a va_list parameter arrives as a pointer, which vsnprintf
    /// accepts as is; that is how libbpf's log is read without a C shim.
    /// </summary>
    [LibraryImport("libc.so.6")]
    public static partial int vsnprintf(byte* buffer, nuint size, byte* format, nint args);

    /// <summary>signal(2); used only to reset an inherited SIG_IGN to SIG_DFL.</summary>
    [LibraryImport("libc.so.6")]
    public static partial nint signal(int signum, nint handler);

    /// <summary>fcntl(2) with an int argument; F_DUPFD gives a duplicate without close-on-exec.</summary>
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc.so.6")]
    public static partial int close(int fd);

    /// <summary>statx(2): <c>struct statx</c> has one layout on every architecture, <c>struct stat</c> does not.</summary>
    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statx(int dirfd, string path, int flags, uint mask, StatxBuffer* buffer);

    public const int ProtRead = 1;
    public const int MapPrivate = 2;

    /// <summary>mmap(2); MAP_FAILED is -1.</summary>
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc.so.6")]
    public static partial int munmap(void* address, nuint length);

    public const uint MfdCloexec = 1;

    /// <summary>memfd_create(2): an anonymous file, reachable by path as /proc/self/fd/N while open.</summary>
    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    /// <summary>execv(2): argv is a NULL-terminated array of C strings; returns only on failure.</summary>
    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int execv(byte* path, byte** argv);

    public const int RlimitNofile = 7;

    /// <summary>struct rlimit: soft and hard limits (rlim_t is 64-bit on x86-64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc.so.6")]
    public static partial int getrlimit(int resource, Rlimit* limit);

    [LibraryImport("libc.so.6")]
    public static partial int setrlimit(int resource, Rlimit* limit);
}
