using System.Net;
using System.Net.Sockets;
using NatLearning.Cli.Commands;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>Our `serve turn` code on 127.0.0.1 on a free port, stopped on dispose.</summary>
internal sealed class LoopbackTurnServer : IAsyncDisposable
{
    public const string Realm = "natlearning.example";

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private Task _serving = Task.CompletedTask;

    public TurnServer Server { get; private set; } = null!;
    public IPEndPoint Endpoint => Server.Listen;
    public string Log => _log.ToString();

    /// <summary>Starts the server; <paramref name="configure"/> sets its policy (loopback peers, quotas) as the command-line flags would.</summary>
    public static async Task<LoopbackTurnServer> Start(IReadOnlyDictionary<string, string> users, Func<TurnServerOptions, TurnServerOptions>? configure = null,
        int relays = 8)
    {
        var s = new LoopbackTurnServer();
        var ready = new TaskCompletionSource<TurnServer>(TaskCreationOptions.RunContinuationsAsynchronously);
        s._serving = Task.Run(() => ServeTurnCommand.Serve(new IPEndPoint(IPAddress.Loopback, 0), Realm, users, null, relays,
            TextWriter.Synchronized(s._log), s._stop.Token, ready.SetResult, configure));
        _ = s._serving.ContinueWith(t => ready.TrySetException(t.Exception ?? new Exception("the server stopped")), TaskContinuationOptions.NotOnRanToCompletion);
        s.Server = await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return s;
    }

    /// <summary>--allow-loopback-peers: the echo peers of these tests live on 127.0.0.1.</summary>
    public static TurnServerOptions AllowLoopback(TurnServerOptions o) => o with { Peers = o.Peers with { AllowLoopbackPeers = true } };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _serving.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { /* a failed start was already reported */ }
        _stop.Dispose();
    }
}

/// <summary>A UDP peer on 127.0.0.1 that answers every datagram with "echo: " and the datagram.</summary>
internal sealed class EchoPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();

    public EchoPeer()
    {
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var r = await _udp.ReceiveAsync(_stop.Token);
                    Received++;
                    byte[] reply = [.. "echo: "u8, .. r.Buffer];
                    await _udp.SendAsync(reply.AsMemory(), r.RemoteEndPoint, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    if (_stop.IsCancellationRequested) return;
                }
            }
        });
    }

    public IPEndPoint Endpoint => (IPEndPoint)_udp.Client.LocalEndPoint!;
    public int Received { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }
}
