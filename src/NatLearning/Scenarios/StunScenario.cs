using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Scenarios;

/// <summary>Alice, behind a NAT, asks a STUN server what her public address is (RFC 8489 Binding).</summary>
public sealed class StunScenario : Scenario
{
    public override string Name => "stun";
    public override string Title => "STUN: what is my public address?";
    public override string Summary => "Alice behind a NAT sends a STUN Binding request and learns her public mapping from the answer.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var behavior = NatBehavior.PortRestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 };
        var router = net.AddNat("Alice's router", behavior, "49.36.10.25", "192.168.1.0/24");
        var socket = router.AddHost("Alice", "192.168.1.10").Bind(5000);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.20");
        var r = new ScenarioResult(this, net);

        var result = StunSimulation.Binding(socket, stun.Endpoint);
        if (!result.Succeeded) throw new InvalidOperationException($"The STUN scenario did not complete: {result.Summary}.");

        var mapping = router.Table.Entries.Single();
        var request = result.Transcript[0];
        r.Say($"Alice ({socket.LocalEndPoint}) sent a STUN Binding Request to {stun.Endpoint} at t={request.Time.TotalSeconds:0.000} s: a 20-byte header (type 0x0001, the magic cookie 0x{StunMessage.MagicCookie:X8}, the random transaction id {result.TransactionId}) and {string.Join(", ", result.Request.Attributes.Select(a => a.Name).DefaultIfEmpty("no attributes"))}.");
        r.Say($"On the way out her router mapped {mapping.InsideLocal} to {mapping.InsideGlobal}, so the server saw the request come from {mapping.InsideGlobal}.");
        var xma = result.Response!.Get<Stun.Attributes.XorMappedAddress>()!;
        var encoded = xma.EncodeValue(result.TransactionId);
        r.Say($"The server wrote that endpoint into XOR-MAPPED-ADDRESS, XORed with the magic cookie: port bytes 0x{Convert.ToHexString(encoded, 2, 2)}, address bytes 0x{Convert.ToHexString(encoded, 4, 4)}, so a NAT rewriting addresses it finds in payloads cannot spoil it.");
        r.Say($"The Binding Success Response reached Alice after {result.Rtt!.Value.TotalMilliseconds:0} ms: her public mapping is {result.MappedAddress}, not her own {socket.LocalEndPoint}, so she knows she is behind a NAT and what to tell a peer.");
        r.SnapshotTables($"t={net.Now.TotalSeconds:0.000}s, after the Binding transaction");
        return r;
    }
}
