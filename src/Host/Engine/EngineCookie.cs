namespace NetTrace.Host.Engine;

/// <summary>Mirror of the NT_COOKIE_* bits (bpf/engine/engine.h): the trace id plus how to treat a hit.</summary>
[Flags]
internal enum EngineCookie : ulong
{
    None = 0,
    TraceMask = 0xffff,
    Stack = 1UL << 16,
    Free = 1UL << 17,
    Clone = 1UL << 18,
    Return = 1UL << 19,
    NoStart = 1UL << 20,
    Ends = 1UL << 21,
    SkbPointer = 1UL << 22,
    SockArg0 = 1UL << 23,
    SockStart = 1UL << 24,
}
