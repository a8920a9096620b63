using System.Text.Json.Serialization;

namespace NetTrace.Host.Session.Recording;

/// <summary>
/// What a recording needs besides its raw records to be decoded again: the mode, the plugin groups whose
/// records it holds, the engine's trace ids (lifecycle modes) and the clock offset for --date.
/// </summary>
internal sealed record RecordingHeader(
    int Version,
    string Nettrace,
    string Kernel,
    string Mode,
    DateTimeOffset Started,
    long RealMinusMonotonicNs,
    IReadOnlyList<string> Groups,
    IReadOnlyList<RecordedHook> Hooks)
{
    /// <summary>For an incident (--arm): the flow and what armed the capture; null for a --record session.</summary>
    public string? Incident { get; init; }
}

/// <summary>One attached engine trace: the id its records carry and what it hooked.</summary>
internal sealed record RecordedHook(ushort Id, string Trace, string Group, string Point);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RecordingHeader))]
internal sealed partial class RecordingJson : JsonSerializerContext;
