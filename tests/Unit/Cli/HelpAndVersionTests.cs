using System.Reflection;
using NetTrace.Host.Cli;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class HelpAndVersionTests
{
    public static TheoryData<string, string> SeedOptions => new()
    {
        { "-s, --saddr", "filter source ip/ipv6 address" },
        { "-d, --daddr", "filter dest ip/ipv6 address" },
        { "--addr", "filter source or dest ip/ipv6 address" },
        { "-S, --sport", "filter source TCP/UDP port" },
        { "-D, --dport", "filter dest TCP/UDP port" },
        { "-P, --port", "filter source or dest TCP/UDP port" },
        { "-p, --proto", "filter L3/L4 protocol, such as 'tcp', 'arp'" },
        { "--netns", "filter by net namespace inode" },
        { "--netns-current", "filter by current net namespace" },
        { "--pid", "filter by current process id(pid)" },
        { "--min-latency", "filter by the minimal time to live of the skb in ms" },
        { "--pkt-len", "filter by the IP packet length (include header) in byte" },
        { "--tcp-flags", "filter by TCP flags, such as: SAPRF" },
        { "--tcp-rtt", "filter by the minimal rtt, in ms" },
        { "--tcp-srtt", "filter by the minimal srtt, in ms" },
        { "-t, --trace", "enable trace group or trace" },
        { "--ret", "show function return value" },
        { "--detail", "show extern packet info, such as pid, ifname, etc" },
        { "--date", "print timestamp in date-time format" },
        { "-c, --count", "exit after receiving count packets" },
        { "--basic", "use 'basic' trace mode, don't trace skb's life" },
        { "--diag", "enable 'diagnose' mode" },
        { "--diag-quiet", "only print abnormal packet" },
        { "--diag-keep", "don't quit when abnormal packet found" },
        { "--hooks", "print netfilter hooks if dropping by netfilter" },
        { "--drop", "skb drop monitor mode, for replace of 'droptrace'" },
        { "--drop-stack", "print the kernel function call stack of kfree_skb" },
        { "--sock", "enable 'sock' mode" },
        { "--monitor", "enable 'monitor' mode" },
        { "--pkt-fixed", "set this option if you are sure the target packet is not NATed to get better performance" },
        { "--trace-stack", "print call stack for traces or group" },
        { "--plugins", "also load plugins from DIR" },
        { "-v", "show log information" },
        { "--debug", "show debug information" },
        { "--help", "show help information" },
        { "-V, --version", "show nettrace version" },
    };

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public async Task Help_PrintsToStdout_Exit0(string flag)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, flag);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains(NetTraceCli.Description, run.Stdout);
        Assert.Contains("probe", run.Stdout);
        Assert.Null(run.Session);
    }

    [Theory]
    [MemberData(nameof(SeedOptions))]
    public async Task Help_EverySeedOption_ListedWithItsWording(string flags, string description)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "-h");
        string line = Assert.Single(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith(flags + " ", StringComparison.Ordinal)
            || l.TrimStart().StartsWith(flags + ",", StringComparison.Ordinal) || l.Contains(", " + flags + " ", StringComparison.Ordinal));
        Assert.Contains(description, line);
    }

    [Fact]
    public async Task Help_WithUnknownOption_StillHelp()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "-h", "--bogus");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("--saddr", run.Stdout);
    }

    [Fact]
    public async Task ProbeHelp_DescribesProbeAndVerbose()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "probe", "-h");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(NetTraceCli.ProbeDescription, run.Stdout);
        Assert.Contains("-v", run.Stdout);
        Assert.DoesNotContain("--saddr", run.Stdout);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public async Task Version_PrintsNameAndEntryVersion_Exit0(string flag)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, flag);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var entry = Assembly.GetEntryAssembly() ?? typeof(NetTraceCli).Assembly;
        Assert.Equal(VersionText.For(entry) + "\n" + VersionText.BuildInfo(entry) + "\n", run.Stdout);
        Assert.Matches(@"^nettrace [^+\s]+\ncommit \S+, built \S+, \.NET \d+\.\d+\.\d+, linux-x64, libbpf (\d+\.\d+|not found)\n$", run.Stdout);
    }

    [Fact]
    public async Task Version_WithOtherOptions_StillVersion()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "-V", "--sock", "-s", "1.2.3");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("nettrace ", run.Stdout);
        Assert.Null(run.Session);
    }

    [Fact]
    public void VersionText_HostAssembly_IsReleaseNumber()
    {
        var host = typeof(NetTraceCli).Assembly;
        Assert.Equal("nettrace " + host.GetName().Version!.ToString(3), VersionText.For(host));
    }

    [Theory]
    [InlineData("0.1.0+4f2a9c1d", "nettrace 0.1.0")]
    [InlineData("1.2.3-beta.1+abc", "nettrace 1.2.3-beta.1")]
    [InlineData("2.0.0", "nettrace 2.0.0")]
    public void VersionText_Format_DropsCommitSuffix(string informational, string expected)
    {
        Assert.Equal(expected, VersionText.Format(informational));
    }
}
