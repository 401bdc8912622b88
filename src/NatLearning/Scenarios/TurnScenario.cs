using System.Text;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Scenarios;

/// <summary>
/// Alice is behind a symmetric NAT, so hole punching cannot work; she asks a TURN server for a relayed address and
/// reaches Bob through it: Allocate (401, then with credentials), CreatePermission, Send indication, ChannelBind, ChannelData.
/// </summary>
public sealed class TurnScenario : Scenario
{
    public override string Name => "turn";
    public override string Title => "TURN: when nothing else works, relay";
    public override string Summary => "Alice behind a symmetric NAT reaches Bob through a TURN relay: Allocate, CreatePermission, ChannelBind, ChannelData.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var (net, bobRouter, _, _, server, turn, aliceDriver, b) = RelayedCall.Build(options);
        var r = new ScenarioResult(this, net);
        var step = TimeSpan.FromSeconds(1);

        // 1. Allocate: the first request has no credentials, the 401 brings REALM and NONCE, the second is signed.
        turn.Allocate(net.Now);
        aliceDriver.Pump();
        net.RunFor(step);
        if (turn.RelayedAddress is not { } relayed)
            return r.Say($"The allocation failed: the client is {turn.State}.");
        r.Say($"Alice's first Allocate had no credentials; the server answered 401 with realm \"{turn.Realm}\" and a nonce, and she retried with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.");
        r.Say($"The server relays for her at {relayed}; it saw her as {turn.MappedAddress} (her symmetric NAT's mapping for the server only).");

        // 2. Bob, told the relayed address by signalling, sends first: no permission yet, so the server drops it.
        b.Send(relayed, "hello? (Bob, before any permission)");
        net.RunFor(step);
        var bobPublic = bobRouter.Table.Entries.Single().InsideGlobal;   // what STUN would have told Bob
        var drop = net.Trace.Events.LastOrDefault(e => e.Kind == TraceEventKind.Note && e.Detail!.Contains("gave no permission"));
        if (drop is not null) r.Say($"Bob sent to {relayed} before Alice allowed him; the trace at {drop.Node} says: {drop.Detail}.");

        // 3. CreatePermission, then a Send indication.
        turn.CreatePermission(net.Now, bobPublic);
        aliceDriver.Pump();
        net.RunFor(step);
        turn.Send(net.Now, bobPublic, Encoding.UTF8.GetBytes("hi Bob, via the relay"));
        aliceDriver.Pump();
        net.RunFor(step);
        var first = b.ReceiveAll();
        r.Say($"After CreatePermission for {bobPublic.Address}, Alice's Send indication reached Bob from {first.FirstOrDefault()?.Remote}: \"{first.FirstOrDefault()?.Text}\".");

        // 4. Bob answers; the Data indication is Alice's first contact, so her client binds a channel.
        b.Send(relayed, "hi Alice");
        net.RunFor(step);
        var channel = turn.ChannelFor(bobPublic);
        r.Say(channel is { } c
            ? $"Bob's reply came to Alice as a Data indication; her client then bound channel 0x{c:x4} to {bobPublic}."
            : "Bob's reply did not lead to a channel binding.");

        // 5. From now on both directions use 4-byte ChannelData headers instead of 36-byte indications.
        var sentAt = net.Now;
        turn.Send(net.Now, bobPublic, Encoding.UTF8.GetBytes("now over the channel"));
        aliceDriver.Pump();
        net.RunFor(step);
        var second = b.ReceiveAll();
        b.Send(relayed, "got it");
        net.RunFor(step);
        var arrived = second.FirstOrDefault();
        r.Say($"Alice's ChannelData reached Bob as \"{arrived?.Text}\", {((arrived?.Time ?? sentAt) - sentAt).TotalMilliseconds:0} ms after she sent it; Bob's answer came back as ChannelData.");

        var allocation = server.Allocations.Single();
        r.Say($"The relay carried {allocation.Traffic.PacketsToPeers} datagram(s) to Bob and {allocation.Traffic.PacketsToClients} to Alice " +
              $"({allocation.Traffic.BytesToPeers + allocation.Traffic.BytesFromPeers} bytes of application data).");
        r.SnapshotTables("NAT tables at the end");
        return r;
    }
}
