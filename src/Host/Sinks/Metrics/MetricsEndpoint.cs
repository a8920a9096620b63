using System.Net;
using System.Net.Sockets;
using NetTrace.Host.Errors;
using Prometheus;

namespace NetTrace.Host.Sinks.Metrics;

/// <summary>The HTTP endpoint Prometheus scrapes: prometheus-net's stand-alone server on --metrics ADDR:PORT.</summary>
internal sealed class MetricsEndpoint : IDisposable
{
    private readonly MetricServer _server;

    private MetricsEndpoint(MetricServer server, CollectorRegistry registry)
    {
        _server = server;
        Registry = registry;
    }

    public CollectorRegistry Registry { get; }

    public static MetricsEndpoint Start(IPEndPoint endpoint)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        // HttpListener takes a host name: "+" for every address, brackets for IPv6.
        string host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? "+"
            : endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        var server = new MetricServer(host, endpoint.Port, "metrics/", registry);
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is HttpListenerException or SocketException or InvalidOperationException)
        {
            throw new UsageException($"--metrics {endpoint}: cannot serve there ({e.Message})");
        }
        return new MetricsEndpoint(server, registry);
    }

    public void Dispose() => _server.Dispose();
}
