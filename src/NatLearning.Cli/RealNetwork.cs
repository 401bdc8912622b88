using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NatLearning.Stun;

namespace NatLearning.Cli;

/// <summary>Helpers the real-UDP commands share: reading HOST:PORT, choosing the local address, the retransmission options.</summary>
internal static class RealNetwork
{
    /// <summary>HOST:PORT with HOST an IPv4 address or a name; port 3478 if left out. Failure: an ArgumentException in one line.</summary>
    public static IPEndPoint Resolve(string hostPort)
    {
        ArgumentNullException.ThrowIfNull(hostPort);
        var colon = hostPort.LastIndexOf(':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        var port = 3478;
        if (colon >= 0 && (!int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new ArgumentException($"'{Turn.ClientText.Printable(hostPort)}' is not HOST:PORT with a port from 1 to 65535.");
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, port);
        try
        {
            var v4 = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new ArgumentException($"'{host}' has no IPv4 address.");
            return new IPEndPoint(v4, port);
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"cannot resolve '{Turn.ClientText.Printable(host)}': {e.Message}");
        }
    }

    /// <summary>The local address the operating system would use to reach <paramref name="server"/> (no packet is sent).</summary>
    public static IPAddress LocalAddressFor(IPEndPoint server)
    {
        using var probe = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Connect(server);
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"no route to {server}: {e.Message}");
        }
    }

    public static StunRetransmission Schedule(int rtoMs, int rc, int rm) =>
        rtoMs < 1 ? throw new ArgumentException($"--rto must be at least 1 ms, not {rtoMs}.")
        : rc < 1 ? throw new ArgumentException($"--rc must be at least 1, not {rc}.")
        : new StunRetransmission { Rto = TimeSpan.FromMilliseconds(rtoMs), Rc = rc, Rm = rm < 1 ? 1 : rm };
}
