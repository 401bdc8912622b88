using System.Net;
using NatLearning.Cli.Commands;

namespace NatLearning.Tests.Stun;

/// <summary>Our `serve stun` code on 127.0.0.1 (and 127.0.0.2 as the alternate) on free ports, stopped on dispose.</summary>
internal sealed class LoopbackStunServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly StringWriter _log = new();
    private bool _disposed;

    private LoopbackStunServer(IPEndPoint primary, IPEndPoint? alternate, TaskCompletionSource<IReadOnlyList<IPEndPoint>> ready)
    {
        Primary = primary;
        _serving = Task.Run(() => ServeStunCommand.Serve(primary, alternate, TextWriter.Synchronized(_log), _stop.Token, ready.SetResult));
        _serving.ContinueWith(t => ready.TrySetException(t.Exception ?? new Exception("the server stopped")), TaskContinuationOptions.NotOnRanToCompletion);
    }

    public IPEndPoint Primary { get; }
    public string Log => _log.ToString();

    public static async Task<LoopbackStunServer> Start(bool alternate)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            var ready = new TaskCompletionSource<IReadOnlyList<IPEndPoint>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = new LoopbackStunServer(new IPEndPoint(IPAddress.Loopback, port),
                alternate ? new IPEndPoint(IPAddress.Parse("127.0.0.2"), port + 1) : null, ready);
            try
            {
                await ready.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return server;
            }
            catch (Exception) when (attempt < 5)
            {
                await server.DisposeAsync();   // the port was taken: try another
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        try { await _serving.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { /* a failed start was already reported */ }
        _stop.Dispose();
    }
}
