using System.Net;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Scenarios;

/// <summary>
/// Two peers behind one NAT reach each other through their public mappings (RFC 4787 §6, REQ-9 hairpinning), and two
/// others behind a cheap home router that does not hairpin fail the same way.
/// </summary>
public sealed class HairpinScenario : Scenario
{
    public override string Name => "hairpin";
    public override string Title => "Hairpinning: two peers behind one NAT, through their public addresses";
    public override string Summary => "Alice and Bob share a router that hairpins and reach each other's public mapping; Carol and Dave's cheap home router drops it.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.20");
        var home = net.AddNat("Home router", NatBehavior.PortRestrictedCone, "49.36.10.25", "192.168.1.0/24");
        var cheap = net.AddNat("Cheap router", NatBehavior.CheapHomeRouter, "88.20.15.90", "192.168.0.0/24");
        var r = new ScenarioResult(this, net);

        Pair(r, home, stun.Endpoint, ("Alice", "192.168.1.10", 5000), ("Bob", "192.168.1.11", 6000));
        Pair(r, cheap, stun.Endpoint, ("Carol", "192.168.0.20", 5000), ("Dave", "192.168.0.21", 6000));
        r.SnapshotTables($"t={net.Now.TotalSeconds:0.000}s, after both tries");
        return r;
    }

    private static void Pair(ScenarioResult r, NatRouter router, IPEndPoint stun, (string Name, string Ip, int Port) x, (string Name, string Ip, int Port) y)
    {
        var net = router.Network;
        var a = router.AddHost(x.Name, x.Ip).Bind(x.Port);
        var b = router.AddHost(y.Name, y.Ip).Bind(y.Port);
        // Each learns its public mapping, as a peer does before it tells the other where to send (ICE's srflx candidate).
        var aPublic = Learn(a, stun);
        var bPublic = Learn(b, stun);
        r.Say($"{x.Name} ({a.LocalEndPoint}) and {y.Name} ({b.LocalEndPoint}) sit behind {router.Name} ({router.Behavior.ClassicName}, hairpinning {(router.Behavior.Hairpinning ? "on" : "off")}); STUN told {x.Name} her public mapping is {aPublic} and {y.Name} his is {bPublic}.");

        var eventsBefore = net.Trace.Events.Count;
        // Both send, as hole punching does: the port-restricted filter admits only sources a mapping has sent to.
        a.Send(bPublic, $"hello {y.Name}, from {x.Name}");
        b.Send(aPublic, $"hello {x.Name}, from {y.Name}");
        net.RunUntilIdle();
        a.Send(bPublic, $"second try, {x.Name} to {y.Name}");
        net.RunUntilIdle();
        var gotB = b.ReceiveAll();
        var gotA = a.ReceiveAll();
        var drops = net.Trace.Events.Skip(eventsBefore).Where(e => e.Kind == TraceEventKind.Dropped).ToList();
        if (gotB.Count > 0)
            r.Say($"{y.Name} received {gotB.Count} of {x.Name}'s 2 packets to {bPublic}, from {gotB[0].Remote}: {router.Name} turned {(gotB.Count == 1 ? "it" : "them")} around at its public address with {x.Name}'s public endpoint as the source (RFC 4787 REQ-9), not her LAN address.");
        else
            r.Say($"{y.Name} received none of {x.Name}'s 2 packets to {bPublic}.");
        r.Say($"{x.Name} received {gotA.Count} of {y.Name}'s packets to {aPublic}.");
        foreach (var d in drops.GroupBy(d => (d.Node, d.Reason, d.Detail)))
            r.Say($"Dropped at {d.Key.Node} ({d.Key.Reason}){(d.Count() > 1 ? $", {d.Count()} packets" : "")}: {d.Key.Detail}.");
    }

    private static IPEndPoint Learn(UdpSocket socket, IPEndPoint stun)
    {
        var result = StunSimulation.Binding(socket, stun);
        return result.MappedAddress ?? throw new InvalidOperationException($"The hairpin scenario could not learn {socket.LocalEndPoint}'s mapping: {result.Summary}.");
    }
}
