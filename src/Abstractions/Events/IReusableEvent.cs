namespace NetTrace.Abstractions.Events;

/// <summary>
/// An event its decoder may fill again for a later record. The host calls <see cref="Release"/> once no sink keeps
/// the event (its line was written, its lifecycle printed), and only then; an event never released is simply
/// collected, so holding on to one is always safe.
/// </summary>
public interface IReusableEvent : ITraceEvent
{
    /// <summary>Gives the event back to its decoder's pool; a second call, or a call on an event the decoder did not pool, does nothing.</summary>
    void Release();
}
