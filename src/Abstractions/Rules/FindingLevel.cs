namespace NetTrace.Abstractions.Rules;

/// <summary>How serious a rule's finding is, as the seed's diagnosis prints it.</summary>
public enum FindingLevel
{
    Info,
    Warn,
    Error,
}
