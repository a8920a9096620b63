using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Modes.Diff;

/// <summary>`nettrace diff GOOD BAD`: two packets, each a recording and optionally which of its packets (FILE#N).</summary>
internal sealed record DiffRequest(string Good, string Bad, SessionOptions Options);
