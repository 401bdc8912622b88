using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Scenarios;

/// <summary>A mapping is created, used, refreshed and finally expires; a late reply then finds the hole closed.</summary>
public sealed class NatTableScenario : Scenario
{
    public override string Name => "nat-table";
    public override string Title => "NAT translation tables: a mapping's life";
    public override string Summary => "Alice's mapping is created, refreshed, and expires after 120 s idle; a late reply is dropped.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        // Ports handed out in order from 62000, as in the article's example mapping.
        var behavior = NatBehavior.PortRestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 };
        var router = net.AddNat("Alice's router", behavior, "49.36.10.25", "192.168.1.0/24");
        var alice = router.AddHost("Alice", "192.168.1.10");
        var server = net.AddHost("Server", "142.250.1.1");
        var a = alice.Bind(5000);
        var s = server.Bind(3478);
        var r = new ScenarioResult(this, net);

        a.Send(s.LocalEndPoint, "ping 1");
        net.RunUntilIdle();
        var seenBy = s.ReceiveAll().Single().Remote;
        s.Send(seenBy, "pong 1");
        net.RunUntilIdle();
        r.SnapshotTables($"t={net.Now.TotalSeconds:0.000}s, after the first exchange");
        var first = router.Table.Entries.Single();
        r.Say($"Alice's first packet created the mapping {first.InsideLocal} → {first.InsideGlobal}; the server saw {seenBy}.");
        r.Say($"It lives {behavior.MappingLifetime.TotalSeconds:0} s after its last outgoing packet (RFC 4787 REQ-5: at least 2 minutes).");

        net.RunUntil(TimeSpan.FromSeconds(60));
        a.Send(s.LocalEndPoint, "ping 2");
        net.RunUntilIdle();
        s.ReceiveAll();
        r.SnapshotTables($"t={net.Now.TotalSeconds:0.000}s, after Alice sent again (the timer restarted)");
        var refreshed = router.Table.Entries.Single();
        r.Say($"At t=60 s Alice sent again through the same mapping ({refreshed.InsideGlobal}); it now expires at t={refreshed.Expires.TotalSeconds:0.000} s.");

        net.RunUntil(refreshed.Expires + TimeSpan.FromSeconds(20));
        r.SnapshotTables($"t={net.Now.TotalSeconds:0.000}s, after {(net.Now - refreshed.LastUsed).TotalSeconds:0} s of silence");
        var expired = net.Trace.Events.First(e => e.Kind == TraceEventKind.MappingExpired);
        r.Say($"Nobody sent anything more; the mapping expired at t={expired.Time.TotalSeconds:0.000} s.");

        s.Send(seenBy, "late pong");
        net.RunUntilIdle();
        var drop = net.Trace.Events.Last(e => e.Kind == TraceEventKind.Dropped);
        r.Say($"A late reply from the server to {seenBy} was dropped at {drop.Node} ({drop.Reason}): {drop.Detail}.");
        return r;
    }
}
