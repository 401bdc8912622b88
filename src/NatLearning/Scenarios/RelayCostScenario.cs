using System.Net;
using NatLearning.Lab;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Scenarios;

/// <summary>
/// Streams one second of 2 Mbps media from Alice to Bob through a TURN relay in another region, measures the bytes
/// and the extra latency, and scales them to the article's 1000 users × 2 Mbps, next to what peer to peer would cost.
/// </summary>
public sealed class RelayCostScenario : Scenario
{
    // The article's example: 1000 users, each streaming 2 Mbps.
    public const int Users = 1000;
    public const double MegabitsPerSecond = 2;
    public const int PacketBytes = 1000;

    /// <summary>The relay is far away (another region): its access link alone is this one-way latency.</summary>
    public static readonly TimeSpan RelayLinkLatency = TimeSpan.FromMilliseconds(30);

    public override string Name => "relay-cost";
    public override string Title => "What a TURN relay costs: bandwidth, latency, money";
    public override string Summary => "One second of 2 Mbps through a relay, measured, then scaled to 1000 users; relay versus peer to peer.";

    public override ScenarioResult Run(ScenarioOptions options) => Simulate(options).Result;

    /// <summary>Runs the scenario and also returns the cost estimate as data.</summary>
    public (ScenarioResult Result, RelayCostReport Report) Simulate(ScenarioOptions options)
    {
        var (net, bobRouter, alice, relayHost, server, turn, aliceDriver, b) = RelayedCall.Build(options, new Link(RelayLinkLatency));
        var r = new ScenarioResult(this, net);
        var step = TimeSpan.FromSeconds(1);

        // Peer to peer, the server's whole part is one STUN Binding round trip per user: measure it.
        var stunStart = net.Now;
        StunSimulation.Binding(alice.Bind(5001), server.Listen);
        var stunBytes = ServerBytes(net.Trace, relayHost.Name, stunStart, net.Now);

        // Relay: allocate, let Bob in, bind a channel.
        turn.Allocate(net.Now);
        aliceDriver.Pump();
        net.RunFor(step);
        var relayed = turn.RelayedAddress ?? throw new InvalidOperationException($"The allocation failed: the client is {turn.State}.");
        b.Send(relayed, "Bob opens his NAT towards the relay");
        net.RunFor(step);
        var bobPublic = bobRouter.Table.Entries.Single().InsideGlobal;
        turn.CreatePermission(net.Now, bobPublic);
        turn.BindChannel(net.Now, bobPublic);
        aliceDriver.Pump();
        net.RunFor(step);
        b.ReceiveAll();

        // One traced media packet: its one-way time on the virtual clock, and what the detour adds.
        var payload = new byte[PacketBytes];
        var sentAt = net.Now;
        turn.Send(net.Now, bobPublic, payload);
        aliceDriver.Pump();
        net.RunFor(step);
        var viaRelay = b.ReceiveAll().Single().Time - sentAt;
        // Direct, the packet would skip the relay's access link, which the detour crosses twice (in and out).
        var direct = viaRelay - 2 * relayHost.Attachment.Link.Latency;

        // One second of 2 Mbps: 250 packets of 1000 bytes, 4 ms apart. Counted by the relay, not traced row by row.
        var interval = TimeSpan.FromSeconds(PacketBytes * 8 / (MegabitsPerSecond * 1_000_000));
        var count = (int)Math.Round(1 / interval.TotalSeconds);
        var tracing = net.Trace.Enabled;
        net.Trace.Enabled = false;
        var start = net.Now;
        for (var i = 0; i < count; i++)
            net.Scheduler.At(start + i * interval, () =>
            {
                turn.Send(net.Now, bobPublic, payload);
                aliceDriver.Pump();
            });
        net.RunFor(step + step);
        net.Trace.Enabled = tracing;
        var received = b.ReceiveAll().Count;

        // Only Alice's media crossed the relay, so the bytes it sent to peers are the application bytes.
        var traffic = server.Traffic;
        var report = new RelayCostModel { Users = Users, MegabitsPerSecondPerUser = MegabitsPerSecond }
            .Estimate(traffic, traffic.BytesToPeers, stunBytes);

        r.Say($"Peer to peer, the server only answers one STUN Binding request per user: {stunBytes} bytes on its link, measured.");
        r.Say($"Through the relay, Alice streamed {count} packets of {PacketBytes} bytes in one second ({MegabitsPerSecond} Mbps); Bob got {received}.");
        r.Say($"In all the relay took in {traffic.WireBytesIn} bytes and sent out {traffic.WireBytesOut} for {traffic.BytesToPeers} bytes of media (IPv4, UDP and the 4-byte ChannelData header included).");
        r.Say($"One packet took {viaRelay.TotalMilliseconds:0} ms from Alice to Bob via the relay; a direct path would take {direct.TotalMilliseconds:0} ms, " +
              $"so the relay adds {(viaRelay - direct).TotalMilliseconds:0} ms (its {relayHost.Attachment.Link.Latency.TotalMilliseconds:0} ms access link, crossed twice).");
        r.Say($"Allocation {server.Allocations.Single().Relayed}: {server.Allocations.Single().Traffic}.");
        foreach (var line in report.ToText().TrimEnd().Split('\n')) r.Say(line.Trim());
        return (r, report);
    }

    /// <summary>Bytes (IPv4 packets) the server's host sent or received between two moments.</summary>
    private static long ServerBytes(Trace trace, string node, TimeSpan from, TimeSpan to) =>
        trace.WirePackets.Where(e => e.Time >= from && e.Time <= to && (e.Node == node && e.Kind == TraceEventKind.Sent || e.NextHop == node))
            .Sum(e => (long)e.Bytes!.Length);
}
