namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// Two network namespaces joined by a veth pair, IPv4 10.N.0.1/2 and IPv6 fd00:N::1/2, removed on dispose.
/// Each instance takes its own subnet so concurrent runs never see each other's packets.
/// </summary>
public sealed class NetnsPair : IDisposable
{
    private static int _next;

    public NetnsPair()
    {
        int n = 200 + Interlocked.Increment(ref _next) % 50;
        string tag = $"{Environment.ProcessId % 10000}x{n}";
        Client = $"ntc{tag}";
        ClientDevice = $"vc{tag}";
        Server = $"nts{tag}";
        ClientIp = $"10.{n}.0.1";
        ServerIp = $"10.{n}.0.2";
        ClientIp6 = $"fd00:{n}::1";
        ServerIp6 = $"fd00:{n}::2";
        Shell.Run($"""
            ip netns add {Client} && ip netns add {Server}
            ip link add vc{tag} netns {Client} type veth peer name vs{tag} netns {Server}
            ip -n {Client} addr add {ClientIp}/24 dev vc{tag}
            ip -n {Server} addr add {ServerIp}/24 dev vs{tag}
            ip -n {Client} addr add {ClientIp6}/64 dev vc{tag} nodad
            ip -n {Server} addr add {ServerIp6}/64 dev vs{tag} nodad
            ip -n {Client} link set lo up && ip -n {Server} link set lo up
            ip -n {Client} link set vc{tag} up && ip -n {Server} link set vs{tag} up
            """);
    }

    public string Client { get; }
    public string Server { get; }

    /// <summary>The client's end of the veth pair (in <see cref="Client"/>).</summary>
    public string ClientDevice { get; }
    public string ClientIp { get; }
    public string ServerIp { get; }
    public string ClientIp6 { get; }
    public string ServerIp6 { get; }

    /// <summary>The inode of a namespace, as --netns takes it.</summary>
    public uint Inode(string netns) => uint.Parse(Shell.Run($"stat -L -c %i /run/netns/{netns}").Trim());

    /// <summary>Runs a command inside a namespace.</summary>
    public string In(string netns, string command, bool check = true) =>
        Shell.Run($"ip netns exec {netns} bash -c '{command.Replace("'", "'\\''")}'", check);

    /// <summary>One TCP connection attempt from the client, which may fail (closed or filtered port).</summary>
    public void Connect(string address, int port) =>
        In(Client, $"timeout 2 bash -c 'exec 3<>/dev/tcp/{address}/{port}' 2>/dev/null", check: false);

    /// <summary>One UDP datagram of <paramref name="payload"/> from the client.</summary>
    public void SendUdp(string address, int port, string payload) =>
        In(Client, $"printf %s {payload} > /dev/udp/{address}/{port}", check: false);

    public void Dispose()
    {
        Shell.Run($"ip netns del {Client}; ip netns del {Server}", check: false);
    }
}
