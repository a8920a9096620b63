using System.Text;
using System.Text.Json;
using NetTrace.Host.Modes.Diff;
using static NetTrace.Tests.Unit.Diff.DiffPaths;

namespace NetTrace.Tests.Unit.Diff;

public sealed class DiffJsonWriterTests
{
    private static string Json(PathDiff diff)
    {
        using var stream = new MemoryStream();
        DiffJsonWriter.Write(stream, diff);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Write_NetfilterDrop_OneLineWithSidesAndRows()
    {
        string text = Json(NetfilterDrop());
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        Assert.Contains("10.0.0.1 -> 10.0.0.2", text); // relaxed escaping, as --json

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var good = root.GetProperty("good");
        Assert.Equal("good.ntrec#1", good.GetProperty("label").GetString());
        Assert.Equal(Ping, good.GetProperty("summary").GetString());
        Assert.Equal(6, good.GetProperty("steps").GetInt32());
        Assert.Equal(9_250UL, good.GetProperty("duration_ns").GetUInt64());
        Assert.Equal(4, root.GetProperty("bad").GetProperty("steps").GetInt32());
        Assert.False(root.GetProperty("identical").GetBoolean());
        Assert.Equal(3, root.GetProperty("common_prefix").GetInt32());
        Assert.Equal("nft_do_chain", root.GetProperty("diverged_after").GetString());

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["same", "same", "same", "good", "good", "good", "bad"], rows.Select(r => r.GetProperty("op").GetString()));

        var chain = rows[2];
        Assert.Equal("verdict accept", chain.GetProperty("good").GetProperty("detail").GetString());
        Assert.Equal("verdict drop", chain.GetProperty("bad").GetProperty("detail").GetString());
        Assert.Equal(4_300UL, chain.GetProperty("bad").GetProperty("at_ns").GetUInt64());
        Assert.Equal(2_900UL, chain.GetProperty("bad").GetProperty("delta_ns").GetUInt64());

        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("good").GetProperty("detail").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("bad").ValueKind);
        var freed = rows[6];
        Assert.Equal(JsonValueKind.Null, freed.GetProperty("good").ValueKind);
        Assert.Equal("kfree_skb", freed.GetProperty("bad").GetProperty("name").GetString());
        Assert.Equal("reason NETFILTER_DROP", freed.GetProperty("bad").GetProperty("detail").GetString());
        Assert.Equal(5_104UL, freed.GetProperty("bad").GetProperty("at_ns").GetUInt64());
    }

    [Fact]
    public void Write_Identical_DivergedAfterIsNull()
    {
        var diff = PathAlignment.Align(Names("good", "ip_rcv"), Names("bad", "ip_rcv"));

        using var json = JsonDocument.Parse(Json(diff));

        Assert.True(json.RootElement.GetProperty("identical").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("common_prefix").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("diverged_after").ValueKind);
    }

    [Fact]
    public void Write_EmptySides_EmptyRows()
    {
        using var json = JsonDocument.Parse(Json(PathAlignment.Align(Names("good"), Names("bad"))));

        Assert.Equal(0, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(0UL, json.RootElement.GetProperty("bad").GetProperty("duration_ns").GetUInt64());
    }

    [Fact]
    public void Write_TextWriter_SameLineAsTheStream()
    {
        var diff = NetfilterDrop();
        var output = new StringWriter { NewLine = "\n" };

        DiffJsonWriter.Write(output, diff);

        Assert.Equal(Json(diff), output.ToString());
    }
}
