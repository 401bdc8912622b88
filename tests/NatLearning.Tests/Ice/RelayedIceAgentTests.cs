using System.Net;
using System.Text;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Turn;

namespace NatLearning.Tests.Ice;

/// <summary>ICE over TURN as one machine, in the simulation: both agents relay only, so the relay ⇄ relay pair is the only way.</summary>
public class RelayedIceAgentTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "alice-secret", ["bob"] = "bob-secret" };

    [Fact]
    public void Two_relay_only_agents_behind_symmetric_nats_select_relay_to_relay_and_deliver_data_through_the_relay()
    {
        var net = new Network(3);
        var (server, _) = SimulatedTurn.Serve(net.AddHost("TURN", Stage.TurnAddress), "natlearn.example", Users, relayCount: 2);
        var alice = Side.Place(net, Stage.Place(net, Stage.Alice, PeerNat.Parse("symmetric")), "Alice", IceRole.Controlling, server.Listen, "alice");
        var bob = Side.Place(net, Stage.Place(net, Stage.Bob, PeerNat.Parse("symmetric")), "Bob", IceRole.Controlled, server.Listen, "bob");
        (alice.Other, bob.Other) = (bob, alice);
        alice.Start();
        bob.Start();
        while (!(alice.Machine.Agent.State == IceAgentState.Completed && bob.Machine.Agent.State == IceAgentState.Completed) && net.Now < TimeSpan.FromSeconds(30) && net.Step()) { }

        foreach (var side in new[] { alice, bob })
        {
            var agent = side.Machine.Agent;
            Assert.Equal(IceAgentState.Completed, agent.State);
            Assert.Equal([CandidateType.Relayed], agent.LocalCandidates.Select(c => c.Type));   // relay only: no host, no srflx
            Assert.Equal(CandidateType.Relayed, agent.SelectedPair!.Local.Type);
            Assert.Equal(CandidateType.Relayed, agent.SelectedPair.Remote.Type);
            Assert.Equal(side.Machine.Turn.RelayedAddress, agent.SelectedPair.Local.Address);
            // The TURN client's steps come out of the one machine, beside the agent's.
            var kinds = side.Turns.Select(t => t.Kind).ToList();
            Assert.Equal([TurnEventKind.Challenged, TurnEventKind.Allocated, TurnEventKind.PermissionCreated], kinds.Distinct().Where(k => k is TurnEventKind.Challenged or TurnEventKind.Allocated or TurnEventKind.PermissionCreated));
            Assert.Contains(TurnEventKind.DataReceived, kinds);   // the peer's checks, unwrapped for the agent
            Assert.Equal(1, side.Machine.PermissionsRequested);
        }
        net.RunFor(TimeSpan.FromSeconds(1));   // the last answers land
        var toPeersBefore = server.Traffic.PacketsToPeers;

        Assert.True(alice.Machine.SendData(net.Now, Encoding.UTF8.GetBytes("hello Bob, via the relay")));
        alice.Driver.Pump();
        net.RunFor(TimeSpan.FromSeconds(1));
        var got = Assert.Single(bob.Ices.OfType<IceEvent.DataReceived>());
        Assert.Equal("hello Bob, via the relay", Encoding.UTF8.GetString(got.Data.Span));
        Assert.Equal(alice.Machine.Turn.RelayedAddress, got.From);   // it came out of Alice's relay
        Assert.Equal(toPeersBefore + 1, server.Traffic.PacketsToPeers);

        Assert.True(alice.Machine.Release(net.Now));
        Assert.True(bob.Machine.Release(net.Now));
        alice.Driver.Pump();
        bob.Driver.Pump();
        net.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(TurnClientState.Released, alice.Machine.Turn.State);
        Assert.Equal(TurnClientState.Released, bob.Machine.Turn.State);
        Assert.Empty(server.Allocations);
        Assert.False(alice.Machine.SendData(net.Now, new byte[] { 1 }) && alice.Machine.TryPollTransmit(out _), "nothing may leave from a released relay");
    }

    [Fact]
    public void The_machine_keeps_its_allocation_permissions_and_channels_refreshed_while_the_call_lasts()
    {
        var net = new Network(5);
        var (server, _) = SimulatedTurn.Serve(net.AddHost("TURN", Stage.TurnAddress), "natlearn.example", Users, relayCount: 2);
        var alice = Side.Place(net, net.AddHost("Alice", "203.0.113.7"), "Alice", IceRole.Controlling, server.Listen, "alice");
        var bob = Side.Place(net, net.AddHost("Bob", "203.0.113.8"), "Bob", IceRole.Controlled, server.Listen, "bob");
        (alice.Other, bob.Other) = (bob, alice);
        alice.Start();
        bob.Start();
        net.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(IceAgentState.Completed, alice.Machine.Agent.State);

        net.RunFor(TimeSpan.FromMinutes(20));   // past the 600 s allocation, 300 s permission and 600 s channel lifetimes

        foreach (var side in new[] { alice, bob })
        {
            Assert.True(side.Turns.Count(t => t.Kind == TurnEventKind.Refreshed) >= 2, string.Join("\n", side.Turns));
            Assert.DoesNotContain(side.Turns, t => t.Kind is TurnEventKind.Failed or TurnEventKind.Rejected);
            Assert.Equal(TurnClientState.Allocated, side.Machine.Turn.State);
        }
        Assert.Equal(2, server.Allocations.Count);
        Assert.True(bob.Machine.SendData(net.Now, Encoding.UTF8.GetBytes("still here")));
        bob.Driver.Pump();
        net.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal("still here", Encoding.UTF8.GetString(Assert.Single(alice.Ices.OfType<IceEvent.DataReceived>()).Data.Span));
    }

    [Fact]
    public void A_relay_that_refuses_the_password_ends_gathering_without_a_candidate_and_says_why()
    {
        var net = new Network(1);
        var (server, _) = SimulatedTurn.Serve(net.AddHost("TURN", Stage.TurnAddress), "natlearn.example", Users, relayCount: 2);
        var host = net.AddHost("Alice", "203.0.113.7");
        var socket = host.Bind();
        var machine = new RelayedIceAgent(new IceAgent("Alice", IceRole.Controlling, net.Random.Fork()),
            new TurnClient(socket.LocalEndPoint, server.Listen, "alice", "wrong", net.Random.Fork()));
        var driver = new SimulatedDriver(machine, socket);
        machine.Allocate(net.Now);
        driver.Pump();
        net.RunFor(TimeSpan.FromSeconds(5));
        var events = new List<RelayedIceEvent>();
        while (machine.TryPollEvent(out var e)) events.Add(e);
        Assert.Equal(IceAgentState.Gathered, machine.Agent.State);
        Assert.Empty(machine.Agent.LocalCandidates);
        Assert.Contains(events, e => e is RelayedIceEvent.Turn { Event.Kind: TurnEventKind.Failed } t && t.Event.Description.Contains("refused the password", StringComparison.Ordinal));
        Assert.Contains(events, e => e is RelayedIceEvent.Ice { Event: IceEvent.RelayMissing m } && m.Describe().StartsWith("no relayed candidate: Allocate failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Scenario_ice_with_turn_notes_each_peers_turn_client_steps_in_the_trace()
    {
        var session = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("symmetric"), turn: true);
        var notes = session.Network.Trace.Events.Where(e => e.Kind == NatLearning.Tracing.TraceEventKind.Note).Select(e => e.Detail!).ToList();
        foreach (var who in new[] { "Alice", "Bob" })
        {
            Assert.Contains(notes, n => n.StartsWith($"{who}'s TURN client: 401 Unauthorized", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith($"{who}'s TURN client: allocated relayed address 198.51.100.30:", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith($"{who}'s TURN client: permission for", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith($"{who}'s TURN client: allocation 198.51.100.30:", StringComparison.Ordinal) && n.Contains("released", StringComparison.Ordinal));
        }
        Assert.True(session.Outcome.Succeeded);
        Assert.Equal(session.Alice.TurnEvents.Count + session.Bob.TurnEvents.Count, notes.Count(n => n.Contains("'s TURN client", StringComparison.Ordinal)));
    }

    /// <summary>A relayed agent on a simulated host, with signalling that takes 50 ms.</summary>
    private sealed class Side : IProtocolMachine
    {
        private Network _net = null!;

        public RelayedIceAgent Machine { get; private init; } = null!;
        public SimulatedDriver Driver { get; private set; } = null!;
        public Side? Other { get; set; }
        public List<TurnEvent> Turns { get; } = [];
        public List<IceEvent> Ices { get; } = [];

        public static Side Place(Network net, Host host, string name, IceRole role, IPEndPoint turnServer, string user)
        {
            var socket = host.Bind();
            var side = new Side
            {
                _net = net,
                Machine = new RelayedIceAgent(new IceAgent(name, role, net.Random.Fork()), new TurnClient(socket.LocalEndPoint, turnServer, user, Users[user], net.Random.Fork())),
            };
            side.Driver = new SimulatedDriver(side, socket);
            return side;
        }

        public void Start()
        {
            Machine.Allocate(_net.Now);
            Drain();
            Driver.Pump();
        }

        public TimeSpan? NextTimeout() => Machine.NextTimeout();
        public bool NextTimeoutIsBackground => Machine.NextTimeoutIsBackground;

        public void HandleTimeout(TimeSpan now)
        {
            Machine.HandleTimeout(now);
            Drain();
        }

        public void HandleDatagram(TimeSpan now, Datagram datagram)
        {
            Machine.HandleDatagram(now, datagram);
            Drain();
        }

        public bool TryPollTransmit(out Datagram datagram) => Machine.TryPollTransmit(out datagram);

        private void Drain()
        {
            while (Machine.TryPollEvent(out var e))
            {
                if (e is RelayedIceEvent.Turn t) Turns.Add(t.Event);
                if (e is not RelayedIceEvent.Ice { Event: var i }) continue;
                Ices.Add(i);
                if (i is IceEvent.GatheringComplete g && Other is { } other)
                    _net.Scheduler.At(_net.Now + TimeSpan.FromMilliseconds(50), () =>
                    {
                        other.Machine.SetRemoteDescription(_net.Now, g.Description);
                        other.Drain();
                        other.Driver.Pump();
                    });
            }
        }
    }
}
