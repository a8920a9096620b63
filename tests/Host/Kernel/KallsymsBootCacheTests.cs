using System.Globalization;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// The boot's snapshot of /proc/kallsyms under /run/nettrace: the first session of a boot leaves it, the next ones
/// name kernel addresses from it exactly as the live file does, and it is root's alone (the addresses are what
/// KASLR hides from everyone else).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KallsymsBootCacheTests
{
    [RootFact]
    public void SecondLoad_UsesTheSnapshot_AndNamesAddressesAsTheLiveFile()
    {
        string file = BootCache.FileFor("kallsyms", "bin") ?? throw new InvalidOperationException("no boot id");
        File.Delete(file);
        var (address, name) = KernelText("tcp_v4_rcv");

        var first = KallsymsSymbolizer.Load();
        KallsymsSnapshot.Leaving.Wait();
        var second = KallsymsSymbolizer.Load();

        Assert.False(first.FromBootSnapshot);
        Assert.True(second.FromBootSnapshot);
        Assert.Equal($"{name}+0x10", first.Symbolize(address + 0x10));
        Assert.Equal($"{name}+0x10", second.Symbolize(address + 0x10));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(BootCache.Directory));
    }

    [RootFact]
    public void AddressOutsideTheSnapshot_IsNamedFromTheLiveFile()
    {
        _ = KallsymsSymbolizer.Load(); // leaves the snapshot if none is there
        KallsymsSnapshot.Leaving.Wait();
        var symbols = KallsymsSymbolizer.Load();
        Assert.True(symbols.FromBootSnapshot);
        // A BPF program's symbol is made at run time: never in the snapshot, always found live (as 0x... when none is loaded).
        var bpf = File.ReadLines("/proc/kallsyms").Select(l => l.Split(' ', '\t')).FirstOrDefault(f => f.Length > 3 && f[3] == "[bpf]" && f[1] is "t" or "T");
        if (bpf is null)
            return;
        ulong address = ulong.Parse(bpf[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.StartsWith(bpf[2] + "+0x", symbols.Symbolize(address + 1));
    }

    private static (ulong Address, string Name) KernelText(string name)
    {
        foreach (string line in File.ReadLines("/proc/kallsyms"))
        {
            var f = line.Split(' ');
            if (f.Length >= 3 && f[1] is "t" or "T" && f[2] == name)
                return (ulong.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), name);
        }
        throw new InvalidOperationException($"{name} is not in /proc/kallsyms");
    }
}
