using System.Runtime.InteropServices;

namespace NetTrace.Bpf;

/// <summary>
/// The error funnel: turns libbpf's return conventions into <see cref="BpfException"/>. Public for the errno values a
/// caller tells apart in <see cref="BpfException.Errno"/>.
/// </summary>
public static class BpfErrors
{
    /// <summary>Operation not permitted: not root, or the kernel refused a program.</summary>
    public const int EPERM = 1;

    /// <summary>No such program, map, kernel function or tracepoint.</summary>
    public const int ENOENT = 2;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Invalid argument: a layout or a value the kernel does not accept.</summary>
    public const int EINVAL = 22;

    /// <summary>Operation not supported (the user-space errno).</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Operation not supported (the kernel's own ENOTSUPP, which BPF returns for missing features).</summary>
    public const int ENOTSUPP = 524;

    /// <summary>libbpf returns a negative errno from int-returning calls.</summary>
    internal static int Check(int rc, BpfStage stage, string subject)
    {
        if (rc < 0)
            throw new BpfException(stage, subject, -rc);
        return rc;
    }

    /// <summary>libbpf returns NULL and sets errno from pointer-returning calls (errno 0 when a path of it did not).</summary>
    internal static nint Check(nint pointer, BpfStage stage, string subject)
    {
        if (pointer == 0)
            throw new BpfException(stage, subject, Marshal.GetLastPInvokeError());
        return pointer;
    }

    internal static string Describe(BpfStage stage, string subject, int errno, string detail)
    {
        string what = stage.ToString().ToLowerInvariant();
        // errno 0: no cause is truer than a made-up one (it used to read as EPERM and send root to become root).
        string text = errno == 0
            ? $"{what} {subject}: failed (libbpf gave no error code)"
            : $"{what} {subject}: {Why(stage, errno)} (errno {errno})";
        return detail.Length == 0 ? text : $"{text}\n{detail}";
    }

    private static string Why(BpfStage stage, int errno) => errno switch
    {
        EPERM or EACCES when stage != BpfStage.Load =>
            "permission denied (nettrace needs root: CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN)",
        EPERM or EACCES => "the kernel refused the program (run as root; see the verifier log with -v)",
        ENOENT when stage == BpfStage.Attach => "no such kernel function or tracepoint",
        EOPNOTSUPP or ENOTSUPP => "not supported by this kernel",
        _ => Marshal.GetPInvokeErrorMessage(errno),
    };
}
