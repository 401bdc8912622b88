using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Lab;

/// <summary>
/// A STUN server placed in a simulated network: with an alternate address it is two hosts (primary and alternate IP)
/// with two sockets each (ports 3478 and 3479), all driven by one <see cref="SimulatedDriver"/>.
/// </summary>
public sealed class SimulatedStunServer
{
    public const int PrimaryPort = 3478;
    public const int AlternatePort = 3479;

    private SimulatedStunServer(StunServer server, SimulatedDriver driver, IReadOnlyList<Host> hosts)
    {
        Server = server;
        Driver = driver;
        Hosts = hosts;
    }

    public StunServer Server { get; }
    public SimulatedDriver Driver { get; }
    public IReadOnlyList<Host> Hosts { get; }

    /// <summary>Where clients send their first request.</summary>
    public IPEndPoint Endpoint => Server.Primary;

    /// <summary>Adds the server's host(s) to the internet of <paramref name="network"/>.</summary>
    /// <param name="alternateAddress">A second public address for RFC 5780 tests, or null for a plain server.</param>
    public static SimulatedStunServer Add(Network network, string name, string primaryAddress, string? alternateAddress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var primary = network.AddHost(name, primaryAddress);
        if (alternateAddress is null)
        {
            var server = new StunServer(new IPEndPoint(primary.Address, PrimaryPort));
            return new SimulatedStunServer(server, new SimulatedDriver(server, primary.Bind(PrimaryPort)), [primary]);
        }
        var alternate = network.AddHost($"{name} (alternate)", alternateAddress);
        var full = new StunServer(new IPEndPoint(primary.Address, PrimaryPort), new IPEndPoint(alternate.Address, AlternatePort));
        var sockets = new[] { primary.Bind(PrimaryPort), primary.Bind(AlternatePort), alternate.Bind(PrimaryPort), alternate.Bind(AlternatePort) };
        return new SimulatedStunServer(full, new SimulatedDriver(full, sockets), [primary, alternate]);
    }
}
