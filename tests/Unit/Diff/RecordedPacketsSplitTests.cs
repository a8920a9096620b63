using NetTrace.Host.Errors;
using NetTrace.Host.Modes.Diff;

namespace NetTrace.Tests.Unit.Diff;

/// <summary>`diff` sides: FILE or FILE#N, the Nth packet counted from 1.</summary>
public sealed class RecordedPacketsSplitTests
{
    [Theory]
    [InlineData("a.ntrec#3", "a.ntrec", 3)]
    [InlineData("a.ntrec", "a.ntrec", 1)]
    [InlineData("dir#x/a.ntrec#12", "dir#x/a.ntrec", 12)]
    [InlineData("#5", "#5", 1)]
    public void Split_NamesFileAndPacket(string spec, string file, int index)
    {
        Assert.Equal((file, index), RecordedPackets.Split(spec));
    }

    [Theory]
    [InlineData("x#0")]
    [InlineData("x#abc")]
    [InlineData("x#")]
    [InlineData("x#-1")]
    [InlineData("x#+2")]
    public void Split_BadPacketNumber_OneError(string spec)
    {
        var e = Assert.Throws<UsageException>(() => RecordedPackets.Split(spec));

        Assert.Equal($"{spec}: after '#' comes the packet's number, counted from 1", e.Message);
    }

    [Fact]
    public void Split_ExistingFileWithHashInItsName_TakenWhole()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nt-diff-{Guid.NewGuid():N}.ntrec#2");
        File.WriteAllText(path, "");
        try
        {
            Assert.Equal((path, 1), RecordedPackets.Split(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
