using System.Text;
using NetTrace.Host.Session.Output;

namespace NetTrace.Tests.Unit.Output;

/// <summary>The session's output writer: text and UTF-8 lines in the order written, bytes as a StreamWriter would make them.</summary>
public sealed class Utf8OutputTests
{
    [Fact]
    public void Write_TextAndUtf8Lines_KeepTheirOrder()
    {
        var stream = new MemoryStream();
        using (var output = new Utf8Output(stream, bufferSize: 16) { NewLine = "\n" })
        {
            output.Write("text é ");
            output.WriteLine(42);
            output.WriteUtf8Line("{\"json\":\"✓\"}"u8);
            output.Write('x');
            output.WriteLine("a line longer than the sixteen-byte buffer");
        }

        Assert.Equal("text é 42\n{\"json\":\"✓\"}\nxa line longer than the sixteen-byte buffer\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_SurrogatePairSplitAcrossWrites_StaysOneCharacter()
    {
        var stream = new MemoryStream();
        const string emoji = "\U0001F600";
        using (var output = new Utf8Output(stream))
        {
            output.Write(emoji[0]);
            output.Write(emoji[1]);
        }

        Assert.Equal(Encoding.UTF8.GetBytes(emoji), stream.ToArray());
    }

    [Fact]
    public void Flush_WritesWhatIsBuffered()
    {
        var stream = new MemoryStream();
        var output = new Utf8Output(stream);
        output.Write("abc");

        Assert.Equal(0, stream.Length);
        output.Flush();
        Assert.Equal("abc"u8.ToArray(), stream.ToArray());
    }
}
