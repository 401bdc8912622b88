using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Scenarios;

/// <summary>Bob sends to the private address Alice told him: it leaves Bob's network and dies on the internet.</summary>
public sealed class HiddenDeviceScenario : Scenario
{
    public override string Name => "hidden-device";
    public override string Title => "The hidden device problem";
    public override string Summary => "Alice gives Bob her private address 192.168.1.10; Bob's packet goes nowhere.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var aliceRouter = net.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25", "192.168.1.0/24");
        var bobRouter = net.AddNat("Bob's router", NatBehavior.PortRestrictedCone, "88.20.15.90", "192.168.0.0/24");
        var alice = aliceRouter.AddHost("Alice", "192.168.1.10");
        var bob = bobRouter.AddHost("Bob", "192.168.0.25");
        var a = alice.Bind(5000);
        var b = bob.Bind(7000);
        var told = a.LocalEndPoint;                   // what Alice believes her address is
        b.Send(told, "hi Alice, it's Bob");
        net.RunUntilIdle();
        var r = new ScenarioResult(this, net);
        var drop = net.Trace.Events.LastOrDefault(e => e.Kind == TraceEventKind.Dropped);
        r.Say($"Alice only knows her own address, {told}, and tells Bob to connect to it.");
        r.Say($"Bob sends there. Alice's socket received {a.ReceiveAll().Count} datagram(s).");
        if (drop is not null) r.Say($"The packet was dropped at {drop.Node}: {drop.Detail}.");
        r.SnapshotTables("NAT tables afterwards");
        return r;
    }
}
