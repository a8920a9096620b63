using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Modes.Replay;

/// <summary>`nettrace replay FILE [options]`: the recording and how to render it (filters, --diag, --json, --pcap...).</summary>
internal sealed record ReplayRequest(string File, SessionOptions Options);
