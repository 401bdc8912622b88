using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Lab;

/// <summary>
/// Puts a TURN server or client on a simulated host: binds its sockets, wires the machine to a
/// <see cref="SimulatedDriver"/>, and writes each of its events to the network trace as a note.
/// </summary>
public static class SimulatedTurn
{
    /// <summary>
    /// Runs a TURN server on <paramref name="host"/>: it listens on <paramref name="port"/> and may allocate
    /// <paramref name="relayCount"/> relayed addresses (sockets bound on the same host, from 49152).
    /// </summary>
    public static (TurnServer Server, SimulatedDriver Driver) Serve(Host host, string realm, IReadOnlyDictionary<string, string> users,
        int relayCount = 4, int port = TurnServer.DefaultPort, Func<TurnServerOptions, TurnServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (relayCount < 1) throw new ArgumentOutOfRangeException(nameof(relayCount), relayCount, "A TURN server needs at least one relay socket.");
        var listen = host.Bind(port);
        var relays = Enumerable.Range(0, relayCount).Select(_ => host.Bind()).ToArray();
        var options = new TurnServerOptions { Realm = realm, Users = users, RelayEndPoints = [.. relays.Select(r => r.LocalEndPoint)] };
        if (configure is not null) options = configure(options);
        var server = new TurnServer(listen.LocalEndPoint, options, host.Network.Random.Fork());
        var traced = new TracedMachine<TurnEvent>(server, host.Network.Trace, host.Name, e => (e.Time, e.Description));
        return (server, new SimulatedDriver(traced, [listen, .. relays]));
    }

    /// <summary>A TURN client on <paramref name="host"/> (port 0 picks a free one). After each command, call the driver's Pump.</summary>
    public static (TurnClient Client, SimulatedDriver Driver) Connect(Host host, IPEndPoint server, string username, string password, int localPort = 0)
    {
        ArgumentNullException.ThrowIfNull(host);
        var socket = host.Bind(localPort);
        var client = new TurnClient(socket.LocalEndPoint, server, username, password, host.Network.Random.Fork());
        var traced = new TracedMachine<TurnEvent>(client, host.Network.Trace, host.Name, e => (e.Time, e.Description));
        return (client, new SimulatedDriver(traced, socket));
    }
}
