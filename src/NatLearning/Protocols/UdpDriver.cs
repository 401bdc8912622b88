using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using NatLearning.Simulation;

namespace NatLearning.Protocols;

/// <summary>
/// Drives a sans-I/O machine over real UDP sockets and the wall clock: the same machine objects that run in the
/// simulation, so there is one copy of each protocol. This is the only place that reads a real clock or real randomness.
/// </summary>
/// <example>
/// <code>
/// using var udp = new UdpDriver(new IPEndPoint(IPAddress.Any, 0));
/// var client = new StunClient(udp.LocalEndPoints[0], UdpDriver.OsSeededRandom());
/// client.StartBinding(udp.Now, server);
/// await udp.RunAsync(client, () => client.PendingCount == 0, cancellationToken);
/// </code>
/// </example>
public sealed class UdpDriver : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(Socket Socket, IPEndPoint Local)> _sockets = [];

    /// <summary>Binds one socket per endpoint (port 0 picks a free port). A port in use gives a SocketException naming it.</summary>
    public UdpDriver(params IPEndPoint[] binds)
    {
        if (binds.Length == 0) throw new ArgumentException("A driver needs at least one endpoint to bind.", nameof(binds));
        try
        {
            foreach (var b in binds)
            {
                var s = new Socket(b.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _sockets.Add((s, b));
                s.Bind(b);
                _sockets[^1] = (s, (IPEndPoint)s.LocalEndPoint!);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The bound endpoints, in the order given (with real port numbers where 0 was asked).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => _sockets.Select(s => s.Local).ToList();

    /// <summary>Wall-clock time since the driver was made; the machines see only this.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>A generator seeded from the operating system's cryptographic source, for transaction ids on the real network.</summary>
    public static SeededRandom OsSeededRandom() => new(BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)));

    /// <summary>Sends what the machine wants sent. Call after giving it a command from outside.</summary>
    public void Pump(IProtocolMachine machine)
    {
        while (machine.TryPollTransmit(out var d))
        {
            var socket = _sockets.FirstOrDefault(s => s.Local.Equals(d.Local)).Socket
                ?? throw new InvalidOperationException($"The machine sent from {d.Local}, which is none of the driver's sockets ({string.Join(", ", LocalEndPoints)}).");
            try
            {
                socket.SendTo(d.Payload.Span, SocketFlags.None, d.Remote);
            }
            catch (SocketException)
            {
                // Unreachable network or the like: to the protocol it is a lost datagram, and it retransmits or times out.
            }
        }
    }

    /// <summary>Runs the machine until <paramref name="done"/> is true or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(IProtocolMachine machine, Func<bool> done, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var receives = _sockets.Select(s => Receive(s.Socket, cancellationToken)).ToArray();
        Pump(machine);
        while (!done() && !cancellationToken.IsCancellationRequested)
        {
            var next = machine.NextTimeout();
            var wait = next is { } t ? t - Now : TimeSpan.FromSeconds(1);
            if (wait > TimeSpan.Zero)
            {
                using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), delayCancel.Token);
                var finished = await Task.WhenAny([.. receives, delay]).ConfigureAwait(false);
                delayCancel.Cancel();
                var index = Array.IndexOf(receives, finished);
                if (index >= 0)
                {
                    var r = receives[index];
                    receives[index] = Receive(_sockets[index].Socket, cancellationToken);
                    if (r.IsCompletedSuccessfully && r.Result is { } got)
                        machine.HandleDatagram(Now, new Datagram(_sockets[index].Local, got.Remote, got.Payload));
                }
            }
            if (machine.NextTimeout() is { } due && due <= Now) machine.HandleTimeout(Now);
            Pump(machine);
        }
    }

    private static async Task<(IPEndPoint Remote, byte[] Payload)?> Receive(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        try
        {
            var any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
            var r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            return ((IPEndPoint)r.RemoteEndPoint, buffer[..r.ReceivedBytes]);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // An ICMP error reported on the socket, or shutting down: nothing to deliver.
            if (e is SocketException && !cancellationToken.IsCancellationRequested) await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var (s, _) in _sockets) s.Dispose();
    }
}
