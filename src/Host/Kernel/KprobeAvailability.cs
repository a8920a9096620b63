namespace NetTrace.Host.Kernel;

/// <summary>
/// What <see cref="KprobeSupport"/> found: whether kprobes attach here, whether one link may hook many functions
/// (kprobe.multi), and, when kprobes do not attach, why (shown for every function trace left out).
/// </summary>
internal readonly record struct KprobeAvailability(bool Kprobes, bool Multi, string Reason);
