namespace NetTrace.Host.Errors;

/// <summary>
/// The native executable (ADR 8) reached something only the JIT can run: rules to compile or load, a plugin that is
/// not linked in. Thrown before anything is loaded into the kernel; Main hands the whole command line over to
/// nettrace-clr, the JIT build beside it, which runs the session from the start. Not a NetTraceException: no handler
/// that reports failures may take it for one.
/// Thrown as <c>if (!RuntimeFeature.IsDynamicCodeSupported) throw ...</c> in the method itself: the AOT compiler reads
/// that property as a constant and drops what follows (Roslyn, the plugin loader), but only within one method body.
/// </summary>
internal sealed class JitRequiredException(string what) : Exception($"{what}: needs the .NET JIT (nettrace-clr)")
{
    /// <summary>What needed it, for --debug: "the rules", "plugin X".</summary>
    public string What { get; } = what;

    /// <summary>This exception, also when a task wrapped it; null when <paramref name="e"/> is another failure.</summary>
    public static JitRequiredException? Within(Exception e) => e switch
    {
        JitRequiredException needed => needed,
        AggregateException { InnerExceptions: [var only] } => Within(only),
        _ => null,
    };
}
