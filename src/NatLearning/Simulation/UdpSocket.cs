using System.Net;
using System.Text;
using NatLearning.Addressing;

namespace NatLearning.Simulation;

/// <summary>A UDP socket on a simulated host. Sending puts real IPv4/UDP bytes on the host's link.</summary>
public sealed class UdpSocket
{
    private readonly Queue<ReceivedDatagram> _inbox = new();

    internal UdpSocket(Host host, ushort port)
    {
        Host = host;
        Port = port;
        LocalEndPoint = new IPEndPoint(host.Address, port);
    }

    public Host Host { get; }
    public ushort Port { get; }
    public IPEndPoint LocalEndPoint { get; }
    public bool Closed { get; private set; }

    /// <summary>Raised for every datagram received. While a handler is attached, datagrams are not queued for <see cref="TryReceive"/>.</summary>
    public event Action<UdpSocket, ReceivedDatagram>? Received;

    /// <summary>When false (and no handler is attached) received datagrams are only counted, not kept: a sink for big runs.</summary>
    public bool QueueReceived { get; set; } = true;

    /// <summary>How many datagrams this socket has received.</summary>
    public long ReceivedCount { get; private set; }

    public void Send(IPEndPoint remote, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Closed) throw new InvalidOperationException($"The socket {LocalEndPoint} on {Host.Name} is closed.");
        Host.SendFrom(this, Ipv4.ToUInt32(remote.Address), (ushort)remote.Port, payload);
    }

    public void Send(string remote, string text) => Send(Ipv4.ParseEndpoint(remote), Encoding.UTF8.GetBytes(text));

    public void Send(IPEndPoint remote, string text) => Send(remote, Encoding.UTF8.GetBytes(text));

    public bool TryReceive(out ReceivedDatagram datagram) => _inbox.TryDequeue(out datagram!);

    /// <summary>Everything queued so far, oldest first (and empties the queue).</summary>
    public IReadOnlyList<ReceivedDatagram> ReceiveAll()
    {
        var all = _inbox.ToList();
        _inbox.Clear();
        return all;
    }

    public void Close()
    {
        Closed = true;
        Host.Unbind(this);
    }

    internal void Deliver(ReceivedDatagram d)
    {
        ReceivedCount++;
        var handler = Received;
        if (handler is not null) handler(this, d);
        else _inbox.Enqueue(d);
    }

    /// <summary>True when a delivery must build a <see cref="ReceivedDatagram"/> (someone will look at it).</summary>
    internal bool WantsDatagrams => Received is not null || QueueReceived;

    internal void Count() => ReceivedCount++;

    public override string ToString() => $"{Host.Name} {LocalEndPoint}";
}
