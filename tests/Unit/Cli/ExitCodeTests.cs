using NetTrace.Bpf;
using NetTrace.Host.Cli;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Tests.Unit.Cli;

/// <summary>
/// The kind of a failure decides its exit code (docs/exit-codes.md): a wrong command line or configuration is 2, a
/// refusal by the kernel or the system is 1, and the runner turns each into one line without a stack trace.
/// </summary>
public sealed class ExitCodeTests
{
    public static TheoryData<string, int> Failures => new()
    {
        { "usage", 2 },
        { "plugin", 2 },
        { "untrusted", 2 },
        { "bpf", 1 },
        { "recording", 1 },
        { "requirement", 1 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RunGuarded_FailureOfAKind_ExitsWithItsCode(string kind, int expected)
    {
        Exception failure = kind switch
        {
            "usage" => new UsageException("bad value"),
            "plugin" => new PluginException("no plugin"),
            "untrusted" => new UntrustedFileException("refusing plugin"),
            "bpf" => new BpfException(BpfStage.Load, "program x", 22),
            "recording" => new RecordingException("truncated"),
            _ => new UnmetRequirementException("no BTF"),
        };
        var stderr = new StringWriter();
        var saved = Console.Error;
        Console.SetError(stderr);
        try
        {
            int code = await SessionRunner.RunGuardedAsync(new SessionOptions(), CancellationToken.None, _ => throw failure);
            Assert.Equal(expected, code);
        }
        finally
        {
            Console.SetError(saved);
        }
        // Contains, not equals: the console is the process's, and other tests may write to it meanwhile.
        Assert.Contains("nettrace: " + failure.Message + Environment.NewLine, stderr.ToString());
        Assert.DoesNotContain(" at NetTrace.", stderr.ToString());
    }
}
