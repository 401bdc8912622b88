using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.Ice;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Turn;

namespace NatLearning.Tests.Interactive;

/// <summary>The topology, STUN, TURN and ICE views hold the values the simulation computed.</summary>
public class ProtocolViewTests
{
    public ProtocolViewTests() => global::NatLearning.Interactive.Course.Load();

    [Fact]
    public void Topology_lists_every_node_and_draws_the_nesting()
    {
        var net = new Network();
        var cgn = net.AddNat("CGN", NatLearning.Nat.NatBehavior.Symmetric, "49.36.10.25", "100.64.0.0/10");
        cgn.AddNat("Home router", NatLearning.Nat.NatBehavior.FullCone, "100.64.0.2").AddHost("Alice", "192.168.1.10");
        net.AddHost("Server", "1.1.1.1");
        var html = net.ToDisplayString(HtmlFormatter.MimeType);
        foreach (var name in new[] { "CGN", "Home router", "Alice", "Server" }) Assert.Contains($"<td>{name}</td>", html);
        Assert.Contains("<pre class=\"mermaid\">flowchart TB", html);
        Assert.Contains("100.64.0.0/10", html);
        var text = Topology.ToText(net);
        Assert.Contains("    ├─ Alice: 192.168.1.10", text);       // two levels down: inside the home router inside the CGN
    }

    [Fact]
    public void A_stun_message_shows_its_decoded_xor_mapped_address()
    {
        var r = ScenarioCatalog.Get("stun").Run();
        var wire = r.Trace.WirePackets.Last().Bytes!;
        var message = StunMessage.Parse(wire.AsSpan(NatLearning.Packets.Packet.HeaderLength));
        var html = message.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("49.36.10.25:62000", html);
        Assert.Contains("XOR-MAPPED-ADDRESS", html);
    }

    [Fact]
    public void A_turn_allocation_shows_its_permissions_channels_and_traffic()
    {
        var net = new Network();
        var alice = net.AddNat("Alice's router", NatLearning.Nat.NatBehavior.Symmetric, "49.36.10.25").AddHost("Alice", "192.168.1.10");
        var bob = net.AddHost("Bob", "88.20.15.90").Bind(7000);
        var relay = net.AddHost("TURN server", "203.0.113.5");
        var (server, _) = SimulatedTurn.Serve(relay, "natlearning.example", new Dictionary<string, string> { ["alice"] = "secret" });
        var (client, driver) = SimulatedTurn.Connect(alice, server.Listen, "alice", "secret");
        void Do(Action<TurnClient, TimeSpan> act)
        {
            act(client, net.Now);
            driver.Pump();
            net.RunFor(TimeSpan.FromSeconds(1));
        }
        Do((c, now) => c.Allocate(now));
        Do((c, now) => c.CreatePermission(now, bob.LocalEndPoint));
        Do((c, now) => c.Send(now, bob.LocalEndPoint, "hi"u8.ToArray()));
        bob.Send(bob.ReceiveAll().Single().Remote, "hi back");      // first contact: the client binds a channel
        net.RunFor(TimeSpan.FromSeconds(1));

        var allocation = server.Allocations.Single();
        var html = allocation.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains(allocation.Relayed.ToString(), html);
        Assert.Contains($"<td>{allocation.Permissions.Single().Peer}</td>", html);
        Assert.Contains($"<td>0x{allocation.Channels.Single().Number:X4}</td>", html);
        Assert.Contains($"{allocation.Traffic.BytesToPeers} bytes", html);
        Assert.Equal(1, allocation.Traffic.PacketsToPeers);
    }

    [Fact]
    public void Ice_views_show_candidates_pairs_and_the_selected_one()
    {
        var s = IceSession.Run(PeerNat.Parse("full-cone"), PeerNat.Parse("symmetric"));
        var peer = s.Alice.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("126 | 65535 | 255", peer);
        Assert.Contains("<th>Foundation</th>", peer);
        var agent = s.Alice.Agent.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("▶ selected", agent);
        Assert.Contains($"0x{s.Alice.Agent.SelectedPair!.Priority:x16}", agent);
        var session = s.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("Bob's candidate pairs", session);
        Assert.Contains("<h3>Why</h3>", session);
    }
}
