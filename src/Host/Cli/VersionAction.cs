using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using NetTrace.Host.Session;

namespace NetTrace.Host.Cli;

/// <summary>
/// -V/--version. Replaces System.CommandLine's version action, which prints the bare number and refuses to run
/// next to any other option; like -h, this one wins over everything else on the line.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(VersionAction).Assembly;
        parseResult.InvocationConfiguration.Output.WriteLine(VersionText.For(assembly));
        parseResult.InvocationConfiguration.Output.WriteLine(VersionText.BuildInfo(assembly));
        return 0;
    }
}
