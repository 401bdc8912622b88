using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Scenarios;

/// <summary>The critical NAT rule: what starts inside goes out and its replies come back; the unexpected is turned away.</summary>
public sealed class NatRuleScenario : Scenario
{
    public override string Name => "nat-rule";
    public override string Title => "The critical NAT rule: outgoing yes, unexpected incoming no";
    public override string Summary => "Alice's request to a server and its reply pass; a stranger's packets to Alice's router are dropped.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var router = net.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25", "192.168.1.0/24");
        var alice = router.AddHost("Alice", "192.168.1.10");
        var server = net.AddHost("Server", "142.250.1.1");
        var stranger = net.AddHost("Stranger", "203.0.113.66");
        var a = alice.Bind(5000);
        var s = server.Bind(443);
        var x = stranger.Bind(6666);
        s.Received += (sock, d) => sock.Send(d.Remote, "here is the page");

        a.Send(s.LocalEndPoint, "GET /");
        net.RunUntilIdle();
        var replies = a.ReceiveAll();
        var r = new ScenarioResult(this, net);
        r.SnapshotTables("After Alice's request and the server's reply");
        var mapping = router.Table.Entries.Single();
        r.Say($"Alice ({a.LocalEndPoint}) sent a request to the server; her router mapped her to {mapping.InsideGlobal}.");
        r.Say($"The server's reply came back through that mapping: Alice received {replies.Count} reply.");

        var dropsBefore = net.Trace.Events.Count(e => e.Kind == TraceEventKind.Dropped);
        x.Send(mapping.InsideGlobal, "let me in");                          // to the live mapping
        x.Send(new System.Net.IPEndPoint(router.PublicAddress, 22), "ssh?"); // to a port nobody opened
        net.RunUntilIdle();
        var drops = net.Trace.Events.Where(e => e.Kind == TraceEventKind.Dropped).Skip(dropsBefore).ToList();
        r.Say($"A stranger ({x.LocalEndPoint}) sent two unexpected packets; Alice received {a.ReceiveAll().Count} of them.");
        foreach (var d in drops) r.Say($"Dropped at {d.Node} ({d.Reason}): {d.Detail}.");
        return r;
    }
}
