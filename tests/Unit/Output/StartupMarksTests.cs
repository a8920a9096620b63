using NetTrace.Host.Session.Output;

namespace NetTrace.Tests.Unit.Output;

/// <summary>
/// Steps taken before the session has its log are kept only when the raw arguments ask for -v or --debug, and the
/// first milestone prints them, oldest first, before its own line.
/// </summary>
[Collection(nameof(StartupMarksTests))] // the marks are process-wide
public sealed class StartupMarksTests
{
    [Fact]
    public void Milestone_AfterEarlyMarks_PrintsThemFirstAndOnce()
    {
        try
        {
            StartupMarks.EnableFor(["--drop", "-v"]);
            StartupMarks.Add("command line parsed");
            var stderr = new StringWriter();
            var log = new Log(stderr, verbose: true, debug: false);

            log.Milestone("session starts");
            log.Milestone("begin trace");

            var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.Matches(@"^startup \+\d+ ms: Main entered$", lines[0]);
            Assert.Matches(@"^startup \+\d+ ms: command line parsed$", lines[1]);
            Assert.Matches(@"^startup \+\d+ ms: session starts$", lines[2]);
            Assert.Matches(@"^startup \+\d+ ms: begin trace$", lines[3]);
        }
        finally
        {
            StartupMarks.Disable();
        }
    }

    [Fact]
    public void EnableFor_WithoutVerbosity_KeepsNothing()
    {
        StartupMarks.Disable();
        StartupMarks.EnableFor(["--drop"]);
        StartupMarks.Add("command line parsed");

        Assert.Empty(StartupMarks.Drain());
    }
}
