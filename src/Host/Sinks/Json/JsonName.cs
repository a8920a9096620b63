using System.Text;
using System.Text.Json;

namespace NetTrace.Host.Sinks.Json;

/// <summary>A --json property name as the line carries it, <c>"name":</c> in UTF-8, made once: one copy per property.</summary>
internal readonly struct JsonName
{
    public JsonName(string name) =>
        Member = Encoding.UTF8.GetBytes("\"" + Encoding.UTF8.GetString(JsonEncodedText.Encode(name, JsonLineWriter.Encoder).EncodedUtf8Bytes) + "\":");

    /// <summary>The quoted name and its colon.</summary>
    public byte[] Member { get; }
}
