namespace NetTrace.Host.Sinks.Json;

/// <summary>The version of the --json schema (docs/json.md); raised on any incompatible change.</summary>
internal static class JsonSchema
{
    public const int Version = 1;
}
