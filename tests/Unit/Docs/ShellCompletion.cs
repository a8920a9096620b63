using System.Diagnostics;
using NetTrace.Host.Cli.Completion;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>
/// Runs a shell's own completion over a command line and returns what it offers. A stand-in `nettrace` on PATH
/// answers the two questions the scripts ask it (`-t ?` and `--sock -t _`), in the real output's shape.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ShellCompletion
{
    public const string TraceListing = """
        trace groups and traces (* = off by default)
        link: link layer
              napi_gro_receive_entry     tracepoint
            * dev_queue_xmit             kprobe
        ip: ip layer
              ip_rcv                     kprobe
        """;

    public static string[] Fish(string line) =>
        Run("fish", ["--no-config", "-c", $"source '{Script("fish")}'; complete -C '{line}'"])
            .Select(l => l.Split('\t')[0]).ToArray();

    public static string[] Zsh(string line) =>
        Run("zsh", ["-f", RoffPage.PathOf("tests/Unit/Docs/zsh-complete.zsh"), Script("zsh"), line]);

    /// <summary>The script as `nettrace completion SHELL` prints it, in a file.</summary>
    private static string Script(string shell)
    {
        string path = Path.Combine(Stand.Value, shell == "fish" ? "nettrace.fish" : "_nettrace");
        if (!File.Exists(path))
            File.WriteAllText(path, Generated(shell));
        return path;
    }

    public static string Generated(string shell) => CompletionCommand.Script(shell,
        NetTrace.Host.Cli.NetTraceCli.Build(NetTrace.Host.Session.Options.CliFeatures.Current, (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0)));

    private static readonly Lazy<string> Stand = new(() =>
    {
        string dir = Directory.CreateTempSubdirectory("nt-completion").FullName;
        string fake = Path.Combine(dir, "nettrace");
        File.WriteAllText(fake, $"""
            #!/bin/sh
            case "$*" in
                "-t ?") cat <<'LIST'
            {TraceListing}
            LIST
                    ;;
                "--sock -t _") echo "nettrace: unknown socket trace '_'; --sock traces: inet_listen, tcp_close, tcp_ack" >&2; exit 2 ;;
            esac
            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    });

    private static string[] Run(string shell, string[] args)
    {
        var start = new ProcessStartInfo(shell, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Stand.Value,
            Environment = { ["PATH"] = Stand.Value + ":/usr/bin:/bin", ["HOME"] = Stand.Value, ["TERM"] = "dumb" },
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{shell} exited with {process.ExitCode}: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
