using NetTrace.Host.Cli;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session;

namespace NetTrace.Host.Modes.Replay;

/// <summary>`nettrace replay FILE [options]`: the recording and how to render it (filters, --diag, --json, --pcap...).</summary>
internal sealed record ReplayRequest(string File, SessionOptions Options);
