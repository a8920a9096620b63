using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>Replaces the running program, as exec(3) does: same process id, same open files, same signals ignored.</summary>
public static unsafe class ProcessImage
{
    /// <summary>
    /// Runs <paramref name="path"/> in this process with <paramref name="argv"/> (argv[0] first) and the current
    /// environment. Returns only when the kernel refused, with its errno.
    /// </summary>
    public static int Replace(string path, IReadOnlyList<string> argv)
    {
        // argv is NULL-terminated; the zeroed array also tells the cleanup which strings were made.
        var strings = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(byte*));
        var file = (byte*)Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            for (int i = 0; i < argv.Count; i++)
                strings[i] = (byte*)Marshal.StringToCoTaskMemUTF8(argv[i]);
            LibC.execv(file, strings);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            for (int i = 0; i < argv.Count; i++)
                Marshal.FreeCoTaskMem((nint)strings[i]);
            Marshal.FreeCoTaskMem((nint)file);
            NativeMemory.Free(strings);
        }
    }
}
