using System.Net;
using System.Net.Sockets;

namespace Yiyang.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on a free loopback port to a database server, which a test can cut (every connection closed, new ones
/// refused) and restore on the same port: an outage of the database as the app sees it, without stopping the shared server.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cts = new();

    public int Port { get; }

    public CuttableProxy(string host, int port)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public void Restore()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    public void Cut()
    {
        _cts.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var c in _open) c.Close();
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Close();
                continue;
            }
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound, ct);
            _ = PumpAsync(outbound, inbound, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
        from.Close();
        to.Close();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
