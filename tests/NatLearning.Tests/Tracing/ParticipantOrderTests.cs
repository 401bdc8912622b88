using System.Net;
using System.Text.RegularExpressions;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

/// <summary>Sequence diagrams put the nodes where they sit in the network: the first sender's side, the internet, the other side.</summary>
public class ParticipantOrderTests
{
    internal static string[] Participants(string mermaid) =>
        [.. Regex.Matches(mermaid, "^    participant P\\d+ as (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];

    private static string[] PlayerNodes(Network network) =>
        [.. Regex.Matches(TracePlayerHtml.Render(network.ToPlayer()), "<text class=\"nlp-node\"[^>]*>([^<]*)</text>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public void Hole_punching_puts_each_peer_behind_its_own_nat_with_the_servers_between()
    {
        var net = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone)).Network;
        string[] expected = ["Alice", "Alice's NAT", "STUN server", "Rendezvous", "Bob's NAT", "Bob"];
        Assert.Equal(expected, Participants(net.Trace.ToMermaid()));
        Assert.Equal(expected, net.Trace.NodesLeftToRight());
        Assert.Equal(expected, PlayerNodes(net));
        // First appearance, still there on request, had Bob between the two NATs.
        Assert.Equal(["Alice", "Alice's NAT", "Bob", "Bob's NAT", "STUN server", "Rendezvous"], Participants(net.Trace.ToMermaid(new MermaidOptions { ParticipantOrder = [] })));
    }

    [Fact]
    public void Ice_with_turn_keeps_every_server_and_the_internet_in_the_middle()
    {
        var net = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("symmetric"), turn: true).Network;
        string[] expected = ["Alice", "Alice's NAT", "TURN", "STUN", "Signalling", "Internet", "Bob's NAT", "Bob"];
        Assert.Equal(expected, Participants(net.Trace.ToMermaid()));
        Assert.Equal(expected, PlayerNodes(net));
        // Arrows are the same arrows, only drawn between other columns.
        var byAppearance = net.Trace.ToMermaid(new MermaidOptions { ParticipantOrder = [] });
        Assert.Equal(Regex.Count(byAppearance, "->>|-x"), Regex.Count(net.Trace.ToMermaid(), "->>|-x"));
    }

    [Fact]
    public void Behind_a_carrier_grade_nat_the_home_router_sits_between_the_host_and_the_carrier()
    {
        var net = IceSession.Run(PeerNat.CarrierGrade, PeerNat.CarrierGrade).Network;
        string[] expected =
        [
            "Alice", "Alice's home router", "Alice's carrier NAT", "STUN", "Signalling", "Internet",
            "Bob's carrier NAT", "Bob's home router", "Bob",
        ];
        Assert.Equal(expected, Participants(net.Trace.ToMermaid()));
        Assert.Equal(expected, PlayerNodes(net));
    }

    [Fact]
    public void The_same_seed_gives_the_same_diagram_byte_for_byte()
    {
        string Diagram() => IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.CarrierGrade, seed: 7, turn: true).Network.Trace.ToMermaid(new MermaidOptions { MaxMessages = 1000 });
        var first = Diagram();
        Assert.Equal(first, Diagram());
        Assert.Equal(["Alice", "Alice's NAT", "TURN", "STUN", "Signalling", "Internet", "Bob's carrier NAT", "Bob's home router", "Bob"], Participants(first));
    }

    [Fact]
    public void A_filtered_or_cut_diagram_keeps_the_topology_order_of_what_it_draws()
    {
        var trace = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.FullCone), PeerNat.Of(NatBehavior.FullCone)).Network.Trace;
        Assert.Equal(["Alice", "Alice's NAT", "STUN server", "Rendezvous", "Bob's NAT", "Bob"], Participants(trace.Where(e => e.Kind != TraceEventKind.Note).ToMermaid()));
        var cut = trace.ToMermaid(new MermaidOptions { MaxMessages = 3 });
        var drawn = Participants(cut);
        Assert.InRange(drawn.Length, 2, 5);
        Assert.Equal(Participants(trace.ToMermaid()).Where(drawn.Contains), drawn);
        // The note on what was left out spans the whole width: first participant to last.
        Assert.Contains($"Note over P0,P{Participants(cut).Length - 1}: … ", cut);
    }

    [Fact]
    public void A_given_order_comes_first_and_the_rest_follows_by_first_appearance()
    {
        var trace = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.FullCone), PeerNat.Of(NatBehavior.FullCone)).Network.Trace;
        var m = trace.ToMermaid(new MermaidOptions { ParticipantOrder = ["Bob", "Nobody", "Alice", "Bob"] });
        Assert.Equal(["Bob", "Alice", "Alice's NAT", "Bob's NAT", "STUN server", "Rendezvous"], Participants(m));
    }

    [Fact]
    public void A_trace_made_on_its_own_keeps_the_order_of_first_appearance()
    {
        var trace = new Trace();
        trace.Note(TimeSpan.Zero, "Bob", "ready");
        trace.Note(TimeSpan.Zero, "Bob's NAT", "up");
        trace.Note(TimeSpan.Zero, "Alice", "calling");
        Assert.Equal(["Bob", "Bob's NAT", "Alice"], Participants(trace.ToMermaid()));
        Assert.Equal(["Bob", "Bob's NAT", "Alice"], trace.NodesLeftToRight());
    }

    /// <summary>Alice and her printer share a LAN; Bob and Carol each have their own NAT; a server and the internet are public.</summary>
    private static Network ThreePeers()
    {
        var net = new Network();
        var a = net.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25", "192.168.1.0/24");
        a.AddHost("Alice", "192.168.1.10");
        a.AddHost("Printer", "192.168.1.20");
        net.AddNat("Bob's router", NatBehavior.PortRestrictedCone, "88.20.15.90", "192.168.0.0/24").AddHost("Bob", "192.168.0.25");
        var cgn = net.AddNat("Carol's carrier NAT", NatBehavior.Symmetric, "77.1.2.3", "100.64.0.0/10");
        cgn.AddNat("Carol's home router", NatBehavior.FullCone, "100.64.0.2", "192.168.2.0/24").AddHost("Carol", "192.168.2.10");
        net.AddHost("Server", "142.250.1.1");
        return net;
    }

    [Fact]
    public void Neighbours_sit_beside_their_router_and_a_third_peer_goes_further_right()
    {
        var net = ThreePeers();
        string[] seen = ["Bob", "Server", "Alice", "Carol's carrier NAT", "Carol", "Bob's router", "Printer", "Alice's router", "Internet", "Alice's router LAN", "Carol's home router"];
        Assert.Equal(
            ["Alice", "Printer", "Alice's router LAN", "Alice's router", "Server", "Internet", "Bob's router", "Bob", "Carol's carrier NAT", "Carol's home router", "Carol"],
            Topology.LeftToRight(net, seen, firstSender: "Alice"));
        // The printer sending first takes the outer edge of that LAN.
        Assert.Equal(["Printer", "Alice"], Topology.LeftToRight(net, seen, firstSender: "Printer").Take(2));
        // Carol sending first: her chain leads, innermost first; Alice's network is now one of the others.
        Assert.Equal(
            ["Carol", "Carol's home router", "Carol's carrier NAT", "Server", "Internet", "Bob's router", "Bob", "Alice's router", "Alice's router LAN", "Printer", "Alice"],
            Topology.LeftToRight(net, seen, firstSender: "Carol"));
    }

    [Fact]
    public void A_public_first_sender_leads_and_every_private_network_goes_right()
    {
        var net = ThreePeers();
        Assert.Equal(
            ["Server", "Ghost", "Alice's router", "Alice", "Bob's router", "Bob"],
            Topology.LeftToRight(net, ["Alice's router", "Ghost", "Alice", "Bob", "Server", "Bob's router"], firstSender: "Server"));
        // No sender known: the first private network named goes on the left.
        Assert.Equal(["Bob", "Bob's router", "Server", "Alice's router", "Alice"], Topology.LeftToRight(net, ["Bob", "Server", "Alice", "Alice's router", "Bob's router"]));
    }

    [Fact]
    public void The_topology_flowchart_puts_the_internets_nodes_in_the_same_order()
    {
        var net = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone)).Network;
        var flowchart = Topology.ToMermaid(net);
        var at = new[] { "Alice's NAT: ", "STUN server: ", "Rendezvous: ", "Bob's NAT: " }.Select(n => flowchart.IndexOf("[\"" + n, StringComparison.Ordinal) is var i and >= 0 ? i : flowchart.IndexOf("{{\"" + n, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);   // the network was built Rendezvous, STUN server, Alice's NAT, Bob's NAT
    }
}
