using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE). A kprobe attached on its own holds two files (its perf event and its
/// link), so a thousand of them outgrow the usual soft limit of 1024 long before the hard one.
/// </summary>
public static unsafe class OpenFileLimit
{
    /// <summary>Raises the soft limit to the hard one and returns the soft limit now in force (null when unknown).</summary>
    public static ulong? RaiseToHard()
    {
        LibC.Rlimit limit;
        if (LibC.getrlimit(LibC.RlimitNofile, &limit) != 0)
            return null;
        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (LibC.setrlimit(LibC.RlimitNofile, &raised) == 0)
                return raised.Current;
        }
        return limit.Current;
    }
}
