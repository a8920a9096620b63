using NetTrace.Bpf;
using NetTrace.Host.Kernel;

namespace NetTrace.Host.Cli.Commands;

/// <summary>`nettrace probe`: one line per kernel feature, "feature: yes" or "feature: no (why)".</summary>
internal static class ProbeCommand
{
    public static int Run(TextWriter stdout, TextWriter stderr, bool verbose)
    {
        try
        {
            LibBpfLog.Route(verbose ? stderr.WriteLine : null, LibBpfLog.Level.Debug);
            foreach (var finding in KernelProbe.Run())
                stdout.WriteLine(finding);
            return 0;
        }
        catch (DllNotFoundException e)
        {
            stderr.WriteLine("nettrace: " + SessionRunner.Describe(e));
            return SessionRunner.ExitRuntimeError;
        }
    }
}
