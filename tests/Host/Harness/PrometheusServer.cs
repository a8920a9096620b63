using System.Diagnostics;
using System.Text.Json;

namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// A real Prometheus server (Debian's package) on loopback, scraping one target every second, with optional rule
/// files: what the host tier's metrics tests query. Its data lives in a temporary folder removed on dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly string _dir;
    private readonly int _port;

    public PrometheusServer(int port, string target, params string[] ruleFiles)
    {
        _port = port;
        _dir = Directory.CreateTempSubdirectory("nt-prom").FullName;
        string rules = ruleFiles.Length == 0 ? "" : "rule_files:\n" + string.Concat(ruleFiles.Select(f => $"  - '{f}'\n"));
        File.WriteAllText(Path.Combine(_dir, "prometheus.yml"),
            $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n{rules}scrape_configs:\n  - job_name: nettrace\n    static_configs:\n      - targets: ['{target}']\n");
        _process = Process.Start(new ProcessStartInfo(Binary,
        [
            $"--config.file={_dir}/prometheus.yml", $"--storage.tsdb.path={_dir}/data", $"--web.listen-address=127.0.0.1:{port}",
        ]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        // Its log is read only to keep the pipes from filling.
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>The result array of an instant PromQL query (empty when Prometheus is not up yet).</summary>
    public JsonElement[] Query(string promql)
    {
        try
        {
            string body = Http.GetStringAsync($"http://127.0.0.1:{_port}/api/v1/query?query={Uri.EscapeDataString(promql)}").GetAwaiter().GetResult();
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToArray();
        }
        catch (HttpRequestException)
        {
            return []; // still starting
        }
    }

    /// <summary>The first series' value, or 0 when there is none.</summary>
    public double Value(string promql) =>
        Query(promql) is [var first, ..] ? double.Parse(first.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Polls once a second until <paramref name="done"/> holds or the time is up; whether it held.</summary>
    public static bool WaitUntil(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (done())
                return true;
            Thread.Sleep(1000);
        }
        return done();
    }

    /// <summary>Every rule of the loaded rule files, as (name, health, lastError).</summary>
    public (string Name, string Health, string Error)[] Rules()
    {
        string body = Http.GetStringAsync($"http://127.0.0.1:{_port}/api/v1/rules").GetAwaiter().GetResult();
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!,
                r.TryGetProperty("lastError", out var e) ? e.GetString() ?? "" : ""))
            .ToArray();
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
