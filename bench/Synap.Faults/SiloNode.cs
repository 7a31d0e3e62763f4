using System.Net.Sockets;

namespace Synap.Faults;

/// <summary>A silo: its process and the gateway port that opens once it has joined the cluster.</summary>
public sealed class SiloNode(NodeProcess process, int gatewayPort)
{
    public NodeProcess Process { get; } = process;

    public string Name => Process.Name;

    public async Task<bool> IsReadyAsync()
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", gatewayPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
