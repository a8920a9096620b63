namespace NetTrace.Host.Modes.Diff;

/// <summary>What an aligned row of a path diff says: both packets went through the function, or only one did.</summary>
internal enum DiffRowKind
{
    /// <summary>Both paths have the function here ('=').</summary>
    Same,

    /// <summary>Only the good path has it ('-').</summary>
    OnlyGood,

    /// <summary>Only the bad path has it ('+').</summary>
    OnlyBad,
}
