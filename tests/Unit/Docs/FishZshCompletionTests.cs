using NetTrace.Host.Cli;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>
/// The fish and zsh completions, made from the option table by `nettrace completion`, complete for real in their
/// shells as the bash one does, and the copies the packages install (completions/) are that output.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FishZshCompletionTests
{
    public static TheoryData<string, string> Lines => new()
    {
        { "nettrace --pro", "--proto" },
        { "nettrace --proto ic", "icmp" },
        { "nettrace --proto ic", "icmp6" },
        { "nettrace --dr", "--drop-stack" },
        { "nettrace --filter-min", "--filter-minrtt" },
        { "nettrace ", "replay" },
        { "nettrace -v ", "probe" },
        { "nettrace rules ", "check" },
        { "nettrace rules ", "compile" },
        { "nettrace replay --j", "--json" },
        { "nettrace completion ", "zsh" },
        { "nettrace -t ", "ip_rcv" },
        { "nettrace -t ", "link" },
        { "nettrace --trace-stack dev", "dev_queue_xmit" },
        { "nettrace --sock -t tcp_c", "tcp_close" },
        { "nettrace --tcp-flags ", "R" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Fish_CompletesTheWord(string line, string expected) =>
        Assert.Contains(expected, ShellCompletion.Fish(line));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Zsh_CompletesTheWord(string line, string expected) =>
        Assert.Contains(expected, ShellCompletion.Zsh(line));

    [Fact]
    public void Fish_CommaList_KeepsTheNamesBeforeTheLastComma() =>
        Assert.Contains("ip_rcv,napi_gro_receive_entry", ShellCompletion.Fish("nettrace -t ip_rcv,na"));

    [Fact]
    public void Zsh_CommaList_CompletesTheLastName() =>
        Assert.Equal(["napi_gro_receive_entry"], ShellCompletion.Zsh("nettrace -t ip_rcv,na"));

    [Theory]
    [InlineData("nettrace -p tcp ")] // nettrace takes a subcommand first, or after -v only
    [InlineData("nettrace replay --json ")] // not replay's options, nor the root's subcommands, for its FILE... (files)
    public void BothShells_NoSubcommandWhereNettraceTakesNone(string line)
    {
        Assert.DoesNotContain("probe", ShellCompletion.Fish(line));
        Assert.DoesNotContain("probe", ShellCompletion.Zsh(line));
    }

    [Theory]
    [InlineData("nettrace replay --", "--trace")] // replay has no -t
    [InlineData("nettrace diff --", "--basic")]
    [InlineData("nettrace --", "--cache")] // rules compile's option, not nettrace's
    public void BothShells_OptionsOfAnotherCommand_AreNotOffered(string line, string foreign)
    {
        Assert.DoesNotContain(foreign, ShellCompletion.Fish(line));
        Assert.DoesNotContain(foreign, ShellCompletion.Zsh(line));
    }

    [Fact]
    public void BothShells_OfferEveryOptionTheCliHas()
    {
        var names = new CliOptions().InHelpOrder().SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--")).ToHashSet();
        names.ExceptWith(ShellCompletion.Fish("nettrace --"));
        Assert.Empty(names);
        names = new CliOptions().InHelpOrder().SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--")).ToHashSet();
        names.ExceptWith(ShellCompletion.Zsh("nettrace --"));
        Assert.Empty(names);
    }

    [Theory]
    [InlineData("fish", "completions/nettrace.fish")]
    [InlineData("zsh", "completions/_nettrace")]
    public void ShippedScript_IsWhatNettracePrints(string shell, string file) =>
        Assert.True(RoffPage.Read(file) == ShellCompletion.Generated(shell),
            $"{file} is not `nettrace completion {shell}`'s output: run ./build.sh completions");

    [Fact]
    public void BashScript_IsTheShippedFile() =>
        Assert.Equal(RoffPage.Read("completions/nettrace.bash"), ShellCompletion.Generated("bash"));
}
