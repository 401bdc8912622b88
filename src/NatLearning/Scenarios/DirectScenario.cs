using NatLearning.Simulation;

namespace NatLearning.Scenarios;

/// <summary>Two hosts with public addresses, no NAT: the dream the article starts from.</summary>
public sealed class DirectScenario : Scenario
{
    public override string Name => "direct";
    public override string Title => "When direct works: two public hosts";
    public override string Summary => "Alice and Bob both have public addresses; their packets go straight through.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var alice = net.AddHost("Alice", "45.10.20.30");
        var bob = net.AddHost("Bob", "88.90.100.110");
        var a = alice.Bind(5000);
        var b = bob.Bind(7000);
        a.Send(b.LocalEndPoint, "hello Bob");
        net.RunUntilIdle();
        var got = b.ReceiveAll();
        foreach (var d in got) b.Send(d.Remote, "hello Alice");
        net.RunUntilIdle();
        var back = a.ReceiveAll();
        var r = new ScenarioResult(this, net);
        r.Say($"Alice ({a.LocalEndPoint}) sent to Bob ({b.LocalEndPoint}); Bob received {got.Count} datagram(s), from {string.Join(", ", got.Select(d => d.Remote))}.");
        r.Say($"Bob answered the address he saw; Alice received {back.Count} datagram(s) at t={back.LastOrDefault()?.Time.TotalMilliseconds ?? 0:0.###} ms.");
        r.Say("No router rewrote anything: the address each saw is the address the other really has.");
        return r;
    }
}
