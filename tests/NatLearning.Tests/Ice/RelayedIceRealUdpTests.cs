using System.Net;
using System.Text;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Tests.Turn;
using NatLearning.Turn;

namespace NatLearning.Tests.Ice;

/// <summary>The same relayed ICE machine over real UDP on 127.0.0.1, through our `serve turn --allow-loopback-peers`.</summary>
public class RelayedIceRealUdpTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "secret" };

    [Fact]
    public async Task Two_relay_only_agents_connect_relay_to_relay_through_serve_turn_and_a_message_crosses()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 0));
        var random = new OsRandom();
        RelayedIceAgent Agent(string name, IceRole role, IPEndPoint local) =>
            new(new IceAgent(name, role, random), new TurnClient(local, server.Endpoint, "alice", "secret", random)) { PermitPeer = _ => true };
        var both = new Both(Agent("Alice", IceRole.Controlling, udp.LocalEndPoints[0]), Agent("Bob", IceRole.Controlled, udp.LocalEndPoints[1]));
        both.Alice.Allocate(udp.Now);
        both.Bob.Allocate(udp.Now);
        both.Drain(udp.Now);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await udp.RunAsync(both, () => both.Received is not null || both.Failed, limit.Token);

        Assert.False(limit.IsCancellationRequested, $"no message within 10 s: Alice {both.Alice}, Bob {both.Bob}\n{string.Join("\n", both.Log)}\n{server.Log}");
        Assert.False(both.Failed, string.Join("\n", both.Log));
        Assert.Equal("hello Bob over real UDP", both.Received);
        foreach (var side in new[] { both.Alice, both.Bob })
        {
            var pair = side.Agent.SelectedPair!;
            Assert.Equal(CandidateType.Relayed, pair.Local.Type);
            Assert.Equal(CandidateType.Relayed, pair.Remote.Type);
            Assert.Equal(side.Turn.RelayedAddress, pair.Local.Address);
        }
        Assert.Equal(both.Bob.Turn.RelayedAddress, both.Alice.Agent.SelectedPair!.Remote.Address);
        // Every check, answer and the message went relay to relay: the server sent them on from one relayed address to the other.
        Assert.True(server.Server.Traffic.PacketsToPeers >= 3, server.Server.Traffic.ToString());
        Assert.Equal(2, server.Server.Allocations.Count);
    }

    /// <summary>Both agents on one driver (a socket each), with signalling in-process: what one gathers, the other is handed at once.</summary>
    private sealed class Both(RelayedIceAgent alice, RelayedIceAgent bob) : IProtocolMachine
    {
        public RelayedIceAgent Alice { get; } = alice;
        public RelayedIceAgent Bob { get; } = bob;
        public string? Received { get; private set; }
        public bool Failed { get; private set; }
        public List<string> Log { get; } = [];

        private RelayedIceAgent For(Datagram d) => d.Local.Equals(Alice.Turn.Local) ? Alice : Bob;

        public TimeSpan? NextTimeout() => new[] { Alice.NextTimeout(), Bob.NextTimeout() }.Where(t => t is not null).Min();

        public void HandleTimeout(TimeSpan now)
        {
            foreach (var side in new[] { Alice, Bob })
                if (side.NextTimeout() <= now) side.HandleTimeout(now);
            Drain(now);
        }

        public void HandleDatagram(TimeSpan now, Datagram datagram)
        {
            For(datagram).HandleDatagram(now, datagram);
            Drain(now);
        }

        public bool TryPollTransmit(out Datagram datagram) => Alice.TryPollTransmit(out datagram) || Bob.TryPollTransmit(out datagram);

        public void Drain(TimeSpan now)
        {
            bool any;
            do
            {
                any = false;
                foreach (var (me, other) in new[] { (Alice, Bob), (Bob, Alice) })
                {
                    while (me.TryPollEvent(out var e))
                    {
                        any = true;
                        Log.Add($"{me.Agent.Name}: {e}");
                        switch (e)
                        {
                            case RelayedIceEvent.Ice { Event: IceEvent.GatheringComplete g }:
                                other.SetRemoteDescription(now, g.Description);
                                break;
                            case RelayedIceEvent.Ice { Event: IceEvent.Selected } when me == Alice:
                                Assert.True(Alice.SendData(now, Encoding.UTF8.GetBytes("hello Bob over real UDP")));
                                break;
                            case RelayedIceEvent.Ice { Event: IceEvent.DataReceived d } when me == Bob:
                                Received = Encoding.UTF8.GetString(d.Data.Span);
                                break;
                            case RelayedIceEvent.Ice { Event: IceEvent.Failed }:
                                Failed = true;
                                break;
                        }
                    }
                }
            }
            while (any);
        }
    }
}
