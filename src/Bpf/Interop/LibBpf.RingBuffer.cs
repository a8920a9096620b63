using System.Runtime.InteropServices;

namespace NetTrace.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial nint ring_buffer__new(int mapFd, delegate* unmanaged[Cdecl]<nint, void*, nuint, int> sampleCb, nint ctx, nint opts);

    [LibraryImport(Library)]
    public static partial int ring_buffer__add(nint rb, int mapFd, delegate* unmanaged[Cdecl]<nint, void*, nuint, int> sampleCb, nint ctx);

    [LibraryImport(Library)]
    public static partial int ring_buffer__poll(nint rb, int timeoutMs);

    [LibraryImport(Library)]
    public static partial int ring_buffer__consume(nint rb);

    [LibraryImport(Library)]
    public static partial void ring_buffer__free(nint rb);

    /// <summary>The epoll fd over every ring of <paramref name="rb"/>: readable when one of them holds records.</summary>
    [LibraryImport(Library)]
    public static partial int ring_buffer__epoll_fd(nint rb);
}
