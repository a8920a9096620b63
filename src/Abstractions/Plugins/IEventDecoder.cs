using NetTrace.Abstractions.Events;

namespace NetTrace.Abstractions.Plugins;

/// <summary>Turns one of a group's records into an event. Called on the polling thread.</summary>
public interface IEventDecoder
{
    /// <summary>
    /// Decodes the record; the view (and its spans) are only valid during the call.
    /// Returns null for a record the decoder does not know, which the host counts.
    /// </summary>
    ITraceEvent? Decode(in RecordView record);
}
