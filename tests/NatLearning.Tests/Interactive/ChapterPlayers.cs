using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// The traces behind the players of chapters 04–09, built as the notebooks build them (same seeds, same lines), so the
/// tests check what a class sees. Each also has its notebook code, for a book the browser tests open.
/// </summary>
internal static class ChapterPlayers
{
    /// <summary>Chapter 04: Alice opens a hole; the server answers through it, a stranger is dropped.</summary>
    public static Network Hole()
    {
        var behavior = NatBehavior.PortRestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 };
        var hole = new Network(seed: 4);
        var holeRouter = hole.AddNat("Alice's router", behavior, "49.36.10.25", lan: "192.168.1.0/24");
        var holeAlice = holeRouter.AddHost("Alice", "192.168.1.10").Bind(5000);
        var holeServer = hole.AddHost("Server", "203.0.113.7").Bind(3478);
        var holeStranger = hole.AddHost("Stranger", "77.88.99.11").Bind(3478);
        holeAlice.Send("203.0.113.7:3478", "hello");
        hole.RunUntilIdle();
        var holeEndpoint = holeRouter.Table.Entries.Single().InsideGlobal;
        holeServer.Send(holeEndpoint, "answer");
        holeStranger.Send(holeEndpoint, "me too?");
        hole.RunUntilIdle();
        return hole;
    }

    /// <summary>Chapter 06: one Binding transaction over a link that loses 40 % of the packets, so requests are retransmitted.</summary>
    public static (Network Network, BindingResult Binding) LossyStun()
    {
        var lossy = new Network(seed: 6);
        var lossyRouter = lossy.AddNat("Alice's router", NatBehavior.PortRestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 },
            "49.36.10.25", lan: "192.168.1.0/24", link: Link.FromMilliseconds(10, loss: 0.4));
        var lossyAlice = lossyRouter.AddHost("Alice", "192.168.1.10").Bind(5000);
        var lossyStun = SimulatedStunServer.Add(lossy, "STUN server", "198.51.100.20");
        return (lossy, StunSimulation.Binding(lossyAlice, lossyStun.Endpoint));
    }

    /// <summary>Chapter 08: the TURN scenario (allocate, permit, bind a channel, relay).</summary>
    public static ScenarioResult Turn() => ScenarioCatalog.Get("turn").Run(new ScenarioOptions { Seed = 8 });

    /// <summary>Chapter 09: ICE between two port-restricted cones.</summary>
    public static IceSession Ice() => IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), seed: 9);

    /// <summary>Chapter 05: STUN, rendezvous and punch between two port-restricted cones.</summary>
    public static HolePunchResult Punch() => HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone), seed: 5);
}
