namespace NetTrace.Abstractions.Plugins;

/// <summary>True when --monitor runs <paramref name="trace"/> of the group in a session with these settings.</summary>
public delegate bool MonitorSelection(TraceSpec trace, SessionSettings session);
