using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// `nettrace diff --json`: the aligned paths as one JSON object on one line, for scripts and CI checks
/// ("did the bad packet reach kfree_skb?"). Written field by field with <see cref="Utf8JsonWriter"/>: no
/// reflection, nothing for the trimmer to lose.
/// </summary>
internal static class DiffJsonWriter
{
    /// <summary>Relaxed escaping as in --json: "->" in a summary stays readable for jq and people.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The object and a newline.</summary>
    public static void Write(Stream output, PathDiff diff)
    {
        using (var json = new Utf8JsonWriter(output, Options))
            Write(json, diff);
        output.WriteByte((byte)'\n');
    }

    /// <summary>The object and a newline, for a text output such as the console.</summary>
    public static void Write(TextWriter output, PathDiff diff)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options))
            Write(json, diff);
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The object alone; the caller flushes.</summary>
    public static void Write(Utf8JsonWriter json, PathDiff diff)
    {
        json.WriteStartObject();
        Side(json, "good", diff.Good);
        Side(json, "bad", diff.Bad);
        json.WriteBoolean("identical", diff.Identical);
        json.WriteNumber("common_prefix", diff.CommonPrefix);
        if (diff.DivergedAfter is { } after)
            json.WriteString("diverged_after", after.Name);
        else
            json.WriteNull("diverged_after");

        json.WriteStartArray("rows");
        foreach (var row in diff.Rows)
        {
            json.WriteStartObject();
            json.WriteString("op", row.Kind switch
            {
                DiffRowKind.Same => "same",
                DiffRowKind.OnlyGood => "good",
                _ => "bad",
            });
            Step(json, "good", diff, diff.Good, row.GoodIndex);
            Step(json, "bad", diff, diff.Bad, row.BadIndex);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Side(Utf8JsonWriter json, string name, PathSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("label", side.Label);
        json.WriteString("summary", side.Summary);
        json.WriteNumber("steps", side.Steps.Count);
        json.WriteNumber("duration_ns", side.DurationNs);
        json.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter json, string name, PathDiff diff, PathSide side, int? index)
    {
        if (index is not { } i)
        {
            json.WriteNull(name);
            return;
        }
        var step = side.Steps[i];
        json.WriteStartObject(name);
        json.WriteString("name", step.Name);
        if (step.Detail is { } detail)
            json.WriteString("detail", detail);
        else
            json.WriteNull("detail");
        json.WriteNumber("at_ns", diff.OffsetNs(side, i));
        json.WriteNumber("delta_ns", diff.DeltaNs(side, i));
        json.WriteEndObject();
    }
}
