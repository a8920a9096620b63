using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

/// <summary>What a ring buffer's wait needs beyond libbpf: an eventfd to be woken by, and poll(2) over it and the ring.</summary>
internal static unsafe partial class LibC
{
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport("libc.so.6", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);
}
