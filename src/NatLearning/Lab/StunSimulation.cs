using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Lab;

/// <summary>
/// One-call runs of the STUN machines inside a simulated network, for notebooks and scenarios: each wires a machine
/// to its sockets with a <see cref="SimulatedDriver"/>, starts it, and runs the network until it is idle.
/// </summary>
/// <example>
/// <code>
/// var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.20");
/// var result = StunSimulation.Binding(alice.Bind(5000), stun.Endpoint);
/// Console.WriteLine(result.MappedAddress);   // 49.36.10.25:62000
/// </code>
/// </example>
public static class StunSimulation
{
    /// <summary>One Binding transaction from <paramref name="socket"/> to <paramref name="server"/>.</summary>
    public static BindingResult Binding(UdpSocket socket, IPEndPoint server, StunRetransmission? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var net = socket.Host.Network;
        var client = new StunClient(socket.LocalEndPoint, net.Random.Fork(), schedule);
        // The transaction's end goes into the trace too, so a step-by-step player shows when STUN answered.
        var traced = new TracedMachine<BindingResult>(client, net.Trace, socket.Host.Name,
            r => (net.Now, $"STUN Binding transaction {r.TransactionId} done: {r.Summary}"));
        var driver = new SimulatedDriver(traced, socket);
        client.StartBinding(net.Now, server);
        driver.Pump();
        net.RunUntilIdle();
        driver.Detach();
        return traced.TryPollEvent(out var result) ? result : throw new InvalidOperationException("The Binding transaction never finished.");
    }

    /// <summary>RFC 5780 behaviour discovery from two sockets of the same host against a server with OTHER-ADDRESS.</summary>
    public static NatBehaviorReport Discover(UdpSocket mappingSocket, UdpSocket filteringSocket, IPEndPoint server, IEnumerable<TimeSpan>? lifetimeProbes = null)
    {
        ArgumentNullException.ThrowIfNull(mappingSocket);
        ArgumentNullException.ThrowIfNull(filteringSocket);
        var net = mappingSocket.Host.Network;
        var discovery = new NatBehaviorDiscovery(mappingSocket.LocalEndPoint, filteringSocket.LocalEndPoint, server, net.Random.Fork(), lifetimeProbes: lifetimeProbes);
        var driver = new SimulatedDriver(discovery, mappingSocket, filteringSocket);
        discovery.Start(net.Now);
        driver.Pump();
        net.RunUntilIdle();
        driver.Detach();
        return discovery.TryPollEvent(out var report) ? report : throw new InvalidOperationException("The behaviour discovery never finished.");
    }
}
