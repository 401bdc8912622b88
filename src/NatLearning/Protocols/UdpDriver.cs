using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace NatLearning.Protocols;

/// <summary>
/// Drives a sans-I/O machine over real UDP sockets and the wall clock: the same machine objects that run in the
/// simulation, so there is one copy of each protocol. This is the only place that reads a real clock or real randomness.
/// </summary>
/// <example>
/// <code>
/// using var udp = new UdpDriver(new IPEndPoint(IPAddress.Any, 0));
/// var client = new StunClient(udp.LocalEndPoints[0], new OsRandom());
/// client.StartBinding(udp.Now, server);
/// await udp.RunAsync(client, () => client.PendingCount == 0, cancellationToken);
/// </code>
/// </example>
public sealed class UdpDriver : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(Socket Socket, IPEndPoint Local)> _sockets = [];
    private readonly Dictionary<IPEndPoint, Socket> _byLocal = [];

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
                s.Blocking = false;   // Run polls, then reads what is there; a read never waits
                _sockets[^1] = (s, (IPEndPoint)s.LocalEndPoint!);
                _byLocal[_sockets[^1].Local] = s;
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

    /// <summary>
    /// Asks the kernel for a larger receive queue on one socket (capped by net.core.rmem_max on Linux), so that a
    /// burst arriving while the process is not scheduled waits instead of being dropped. Returns the size granted.
    /// </summary>
    public int EnlargeReceiveBuffer(int index, int bytes)
    {
        var socket = _sockets[index].Socket;
        if (socket.ReceiveBufferSize < bytes) socket.ReceiveBufferSize = bytes;
        return socket.ReceiveBufferSize;
    }

    /// <summary>Wall-clock time since the driver was made; the machines see only this.</summary>
    public TimeSpan Now => _clock.Elapsed;


    /// <summary>Sends what the machine wants sent. Call after giving it a command from outside.</summary>
    public void Pump(IProtocolMachine machine)
    {
        while (machine.TryPollTransmit(out var d))
        {
            var socket = _byLocal.GetValueOrDefault(d.Local)
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

    /// <summary>
    /// Runs the machine until <paramref name="done"/> is true or <paramref name="cancellationToken"/> fires, on a thread
    /// of its own. One poll over all sockets and one receive buffer for all of them: a server with a thousand relay
    /// sockets holds one 64 KB buffer, not a thousand, and each datagram costs the same however many sockets there are.
    /// </summary>
    public Task RunAsync(IProtocolMachine machine, Func<bool> done, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(done);
        return Task.Factory.StartNew(() => Run(machine, done, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    // Longest wait in one poll, so that cancellation is noticed promptly.
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(100);
    // Datagrams taken from one socket before the others get their turn.
    private const int MaxBurst = 256;

    private void Run(IProtocolMachine machine, Func<bool> done, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];   // the largest UDP payload, shared by every socket
        var ready = new List<Socket>(_sockets.Count);
        var index = new Dictionary<Socket, int>(_sockets.Count);
        for (var i = 0; i < _sockets.Count; i++) index[_sockets[i].Socket] = i;
        Pump(machine);
        while (!done() && !cancellationToken.IsCancellationRequested)
        {
            var wait = machine.NextTimeout() is { } t ? t - Now : MaxPoll;
            if (wait > MaxPoll) wait = MaxPoll;
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            ready.Clear();
            foreach (var (socket, _) in _sockets) ready.Add(socket);
            try
            {
                Socket.Select(ready, null, null, (int)(wait.Ticks / 10));   // microseconds
            }
            catch (ObjectDisposedException)
            {
                return;   // disposed while running: shutting down
            }
            foreach (var socket in ready)
            {
                var local = _sockets[index[socket]].Local;
                for (var n = 0; n < MaxBurst && !done(); n++)
                {
                    if (!TryReceive(socket, buffer, out var remote, out var length)) break;
                    machine.HandleDatagram(Now, new Datagram(local, remote, buffer.AsSpan(0, length).ToArray()));
                    Pump(machine);
                    if (socket.Available == 0) break;
                }
            }
            if (machine.NextTimeout() is { } due && due <= Now) machine.HandleTimeout(Now);
            Pump(machine);
        }
    }

    private static bool TryReceive(Socket socket, byte[] buffer, out IPEndPoint remote, out int length)
    {
        EndPoint from = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        try
        {
            length = socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
            remote = (IPEndPoint)from;
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // An ICMP error reported on the socket (port unreachable after a send), or shutting down: nothing to deliver.
            remote = null!;
            length = 0;
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var (s, _) in _sockets) s.Dispose();
    }
}
