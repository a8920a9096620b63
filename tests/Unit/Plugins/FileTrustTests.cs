using NetTrace.Bpf;
using NetTrace.Host.Engine.Plugins;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>
/// The owner and mode FileTrust reads (FileStatus, statx), on files made here (the tests run as root, so they can chown), and the
/// verdicts drawn from them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileTrustTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nt-trust-").FullName;

    /// <summary>A file of the given mode (and owner) in a folder only root can write.</summary>
    private string File(UnixFileMode mode, uint? owner = null)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        System.IO.File.WriteAllText(path, "x");
        System.IO.File.SetUnixFileMode(path, mode);
        if (owner is { } uid)
            FileOwner.Chown(path, uid);
        return path;
    }

    [Theory]
    [InlineData(0b110_100_100u, 0u)]
    [InlineData(0b110_110_000u, FileOwner.Nobody)]
    [InlineData(0b100_000_010u, 1000u)]
    public void TryRead_FileChmoddedAndChowned_GivesItsOwnerAndMode(uint mode, uint owner)
    {
        string path = File((UnixFileMode)mode, owner);

        Assert.True(FileStatus.TryRead(path, out uint uid, out uint seen));

        Assert.Equal(owner, uid);
        Assert.Equal(mode, seen & 0b111_111_111);
        Assert.Equal(0x8000u, seen & 0xF000); // S_IFREG: the file type bits come along
    }

    [Fact]
    public void TryRead_Directory_GivesItsTypeAndMode()
    {
        System.IO.File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_000);

        Assert.True(FileStatus.TryRead(_dir, out uint uid, out uint mode));

        Assert.Equal(0u, uid);
        Assert.Equal(0x4000u | 0b111_101_000, mode); // S_IFDIR
    }

    [Fact]
    public void TryRead_Missing_IsFalse()
    {
        Assert.False(FileStatus.TryRead(Path.Combine(_dir, "missing"), out _, out _));
    }

    [Fact]
    public void Why_RootOwnedNotWritableByOthers_Trusted()
    {
        Assert.Null(FileTrust.Why(File((UnixFileMode)0b111_101_101)));
    }

    [Fact]
    public void Why_GroupWritable_SaysItsGroup()
    {
        string path = File((UnixFileMode)0b110_110_100);

        Assert.Equal($"{path} is writable by its group", FileTrust.Why(path));
    }

    [Fact]
    public void Why_OthersWritable_SaysOthers()
    {
        string path = File((UnixFileMode)0b110_100_110);

        Assert.Equal($"{path} is writable by others", FileTrust.Why(path));
    }

    [Fact]
    public void Why_OwnedBySomeoneElse_NamesTheUid()
    {
        string path = File((UnixFileMode)0b110_100_100, FileOwner.Nobody);

        Assert.Equal($"{path} belongs to uid {FileOwner.Nobody}, not root", FileTrust.Why(path));
    }

    [Fact]
    public void Why_Missing_CannotBeExamined()
    {
        string path = Path.Combine(_dir, "missing");

        Assert.Equal($"{path} cannot be examined", FileTrust.Why(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
