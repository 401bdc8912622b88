using System.Net;
using NatLearning.Protocols;

namespace NatLearning.Simulation;

/// <summary>
/// Drives a sans-I/O machine inside the simulation: datagrams arriving on its sockets go in, datagrams it polls go out
/// on the socket matching their Local endpoint, and its timeouts become events on the virtual clock.
/// </summary>
public sealed class SimulatedDriver
{
    private readonly Dictionary<IPEndPoint, UdpSocket> _sockets = [];
    private readonly Network _network;
    private readonly string _owner;
    private TimeSpan? _armed;
    private bool _armedInBackground;
    private TimerHandle? _timer;

    /// <param name="machine">The protocol machine.</param>
    /// <param name="sockets">The sockets it owns; a datagram the machine sends leaves through the one whose endpoint is its Local.</param>
    public SimulatedDriver(IProtocolMachine machine, params UdpSocket[] sockets)
    {
        if (sockets.Length == 0) throw new ArgumentException("A driver needs at least one socket.", nameof(sockets));
        Machine = machine;
        _network = sockets[0].Host.Network;
        _owner = sockets[0].Host.Name;
        foreach (var s in sockets)
        {
            _sockets[s.LocalEndPoint] = s;
            s.Received += OnReceived;
        }
        Pump();
    }

    public IProtocolMachine Machine { get; }
    public IReadOnlyCollection<UdpSocket> Sockets => _sockets.Values;

    /// <summary>Call after giving the machine a command from outside (start a transaction ...), so its output is sent and its timer armed.</summary>
    public void Pump() => Pump(_network.Trace.Events.Count);

    /// <summary>
    /// <see cref="Pump()"/> after an input that began when the trace had <paramref name="since"/> events: a machine that
    /// reports its state (<see cref="IStateReporter"/>) has it recorded as holding from the first event that input produced.
    /// </summary>
    public void Pump(int since)
    {
        Transmit();
        if (Machine is not IStateReporter reporter || !_network.Trace.Enabled) return;
        var count = _network.Trace.Events.Count;
        var from = count > since ? since + 1 : since;
        foreach (var table in reporter.ReportState(_network.Now, _owner)) _network.Trace.RecordState(from, table);
    }

    private void Transmit()
    {
        while (Machine.TryPollTransmit(out var d))
        {
            if (!_sockets.TryGetValue(d.Local, out var socket))
                throw new InvalidOperationException($"The machine sent from {d.Local}, which is none of its sockets ({string.Join(", ", _sockets.Keys)}).");
            socket.Send(d.Remote, d.Payload.Span);
        }
        var next = Machine.NextTimeout();
        var background = next is not null && Machine.NextTimeoutIsBackground;
        if (next == _armed && background == _armedInBackground) return;
        _armed = next;
        _armedInBackground = background;
        // The timer it replaces is called off, so a stale timer never keeps RunUntilIdle going.
        if (_timer is not null) _network.Scheduler.Cancel(_timer);
        _timer = null;
        if (next is not { } t) return;
        void Fire()
        {
            _armed = null;
            _timer = null;
            var since = _network.Trace.Events.Count;
            Machine.HandleTimeout(_network.Now);
            Pump(since);
        }
        _timer = _network.Scheduler.AtCancellable(t, Fire, background);
    }

    /// <summary>Stops listening on the sockets; the pending timer is called off.</summary>
    public void Detach()
    {
        if (_timer is not null) _network.Scheduler.Cancel(_timer);
        _timer = null;
        foreach (var s in _sockets.Values) s.Received -= OnReceived;
    }

    private void OnReceived(UdpSocket socket, ReceivedDatagram d)
    {
        var since = _network.Trace.Events.Count;
        Machine.HandleDatagram(_network.Now, new Datagram(socket.LocalEndPoint, d.Remote, d.Payload));
        Pump(since);
    }
}
