using System.Diagnostics;
using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// FileStatus's mirror of struct statx against the one the C compiler sees in /usr/include/linux/stat.h (the
/// header glibc's statx() takes it from): a tiny program built with clang-19 prints the offsets.
/// </summary>
public sealed class StatxLayoutTests
{
    private const string Program = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/stat.h>
        #define FIELD(f) printf(#f " %zu %zu\n", offsetof(struct statx, f), sizeof(((struct statx *)0)->f))
        int main(void)
        {
            printf("size %zu 0\n", sizeof(struct statx));
            FIELD(stx_mask);
            FIELD(stx_uid);
            FIELD(stx_mode);
            return 0;
        }
        """;

    private static Dictionary<string, (int Offset, int Size)> CompiledLayout()
    {
        string dir = Directory.CreateTempSubdirectory("nt-statx-").FullName;
        try
        {
            string source = Path.Combine(dir, "statx.c");
            string exe = Path.Combine(dir, "statx");
            File.WriteAllText(source, Program);
            Run("clang-19", "-o", exe, source);
            return Run(exe).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' '))
                .ToDictionary(p => p[0], p => (int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error.Result}");
        return output;
    }

    [Fact]
    public void Layout_StatxBuffer_MatchesLinuxStatH()
    {
        var c = CompiledLayout();

        Assert.Equal(c["size"].Offset, Marshal.SizeOf<StatxBuffer>());
        Assert.Equal(c["stx_mask"], Mirror(nameof(StatxBuffer.Mask)));
        Assert.Equal(c["stx_uid"], Mirror(nameof(StatxBuffer.Uid)));
        Assert.Equal(c["stx_mode"], Mirror(nameof(StatxBuffer.Mode)));
    }

    private static (int Offset, int Size) Mirror(string field) =>
        (Marshal.OffsetOf<StatxBuffer>(field).ToInt32(), Marshal.SizeOf(typeof(StatxBuffer).GetField(field)!.FieldType));
}
