using System.Net;
using NatLearning.Ice;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Turn;

namespace NatLearning.Lab;

/// <summary>
/// Alice and Bob, each behind a <see cref="PeerNat"/>, run ICE end to end in one simulated network: gather (host and
/// server-reflexive from a STUN server), exchange descriptions through the signalling server, check, nominate.
/// Whether and how they connect is decided by the NAT model alone.
/// </summary>
/// <example>
/// <code>
/// var session = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("full-cone"));
/// Console.WriteLine(session.Outcome);        // prflx after 0.3 s, 24 packets
/// Console.WriteLine(session.Explain());      // why that pair won, and why the others failed
///
/// // The call goes on: consent checks (RFC 7675) every 4–6 s keep the pair, and the NAT mappings on it, alive.
/// var call = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("full-cone"), options: new IceOptions { ConsentFreshness = true });
/// call.RunFor(TimeSpan.FromMinutes(3));      // past the NATs' 120 s mapping lifetime
/// call.Alice.SendMedia("still there?");      // arrives: call.Bob.MediaReceived
/// call.Bob.Leave();                          // Bob's app quits; his answers stop
/// call.RunFor(TimeSpan.FromMinutes(1));      // 30 s after her last answered check, Alice loses consent and stops sending
/// </code>
/// </example>
public sealed class IceSession
{
    public const string StunAddress = Stage.StunAddress;
    public const string SignallingAddress = Stage.SignallingAddress;
    public const string TurnAddress = Stage.TurnAddress;
    private static readonly IReadOnlyDictionary<string, string> TurnUsers = new Dictionary<string, string> { ["alice"] = "alice-secret", ["bob"] = "bob-secret" };
    public const int SignallingPort = Stage.SignallingPort;
    public const int MediaPortA = 5000, MediaPortB = 7000;

    // The ICE chapters have always put Bob at .10 of his LAN, the hole-punching ones at .25; kept, so traces stay as taught.
    private static readonly StageSide IceBob = Stage.Bob with { Private = "192.168.0.10" };

    private IceSession(Network network, PeerNat natA, PeerNat natB, IcePeer alice, IcePeer bob, bool turn)
    {
        WithTurn = turn;
        Network = network;
        NatA = natA;
        NatB = natB;
        Alice = alice;
        Bob = bob;
    }

    public Network Network { get; }
    public PeerNat NatA { get; }
    public PeerNat NatB { get; }
    public IcePeer Alice { get; }
    public IcePeer Bob { get; }
    /// <summary>A TURN server was available (relayed candidates).</summary>
    public bool WithTurn { get; }

    /// <summary>What happened: the selected pair's kind or the failure, time to selection, packets.</summary>
    public IceOutcome Outcome => IceOutcome.Of(this);

    /// <summary>Why the selected pair won, and why each other pair failed, read from the agents and the trace.</summary>
    public IceExplanation Explain() => IceExplanation.Of(this);

    /// <summary>
    /// Builds the network, runs ICE until both agents have completed or failed, and returns the session. Without
    /// consent freshness it then frees the relays and runs until the network is idle. With it
    /// (<see cref="IceOptions.ConsentFreshness"/>) the call goes on: the relays stay allocated, and <see cref="RunFor"/> advances it.
    /// </summary>
    /// <param name="seed">Fixes every byte.</param>
    /// <param name="tracing">Off for large runs (no explanation of drops then).</param>
    /// <param name="stun">With a STUN server (server-reflexive candidates); without, only host candidates.</param>
    /// <param name="options">ICE knobs for both agents.</param>
    /// <param name="bobRole">Bob's initial role; Controlling too makes a role conflict that 487 resolves.</param>
    /// <param name="turn">With a TURN server: each peer also allocates a relayed candidate.</param>
    /// <param name="configure">Changes the network once every node is in place and before ICE starts (e.g. <see cref="PublicInternet.AddPathDelay"/>).</param>
    public static IceSession Run(PeerNat natA, PeerNat natB, long seed = 1, bool tracing = true, bool stun = true, IceOptions? options = null, IceRole bobRole = IceRole.Controlled, bool turn = false, Action<Network>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(natA);
        ArgumentNullException.ThrowIfNull(natB);
        return Start(natA, natB, seed, tracing, stun, options, bobRole, turn, configure, net =>
            (Stage.Place(net, Stage.Alice, natA), Stage.Place(net, IceBob, natB)));
    }

    /// <summary>
    /// Alice (192.168.1.10) and Bob (192.168.1.11) on one LAN behind the same NAT, as in an office or a flat: their host
    /// candidates reach each other directly, their server-reflexive ones only if the NAT hairpins (<see cref="NatBehavior.Hairpinning"/>).
    /// </summary>
    public static IceSession RunBehindOneNat(NatBehavior nat, long seed = 1, bool turn = false, IceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nat);
        if (!nat.Translates || nat.OneToOne) throw new ArgumentException($"Two peers behind one NAT need a translating NAT that shares one address; {nat.ClassicName} is not one.", nameof(nat));
        var shared = PeerNat.Of("same NAT", nat);
        return Start(shared, shared, seed, tracing: true, stun: true, options, IceRole.Controlled, turn, configure: null, net =>
        {
            var router = net.AddNat("Shared NAT", PeerPlacement.SequentialPorts(nat, 62000), "49.36.10.25", "192.168.1.0/24");
            return (router.AddHost("Alice", "192.168.1.10"), router.AddHost("Bob", "192.168.1.11"));
        });
    }

    private static IceSession Start(PeerNat natA, PeerNat natB, long seed, bool tracing, bool stun, IceOptions? options, IceRole bobRole, bool turn,
        Action<Network>? configure, Func<Network, (Host Alice, Host Bob)> place)
    {
        var net = new Network(seed);
        net.Trace.Enabled = tracing;
        var consent = options?.ConsentFreshness == true;
        var sigSocket = net.AddHost("Signalling", SignallingAddress).Bind(SignallingPort);
        _ = new SimulatedDriver(new SignallingServer(sigSocket.LocalEndPoint), sigSocket);
        IPEndPoint? stunEndpoint = stun ? SimulatedStunServer.Add(net, "STUN", StunAddress).Endpoint : null;

        var (hostA, hostB) = place(net);
        var a = new IceAgent("Alice", IceRole.Controlling, net.Random.Fork(), options);
        var b = new IceAgent("Bob", bobRole, net.Random.Fork(), options);
        IPEndPoint? turnServer = null;
        if (turn)
        {
            var (server, driver) = SimulatedTurn.Serve(net.AddHost("TURN", TurnAddress), "natlearn.example", TurnUsers, relayCount: 2);
            turnServer = server.Listen;
            // In a call that goes on, the relay's expiry timers are housekeeping, like a NAT's: they must not keep RunUntilIdle going.
            if (consent)
            {
                driver.Detach();
                _ = new SimulatedDriver(new InBackground(driver.Machine), [.. driver.Sockets]);
            }
        }
        configure?.Invoke(net);
        (TurnClient, UdpSocket)? Relay(Host host, string user) => turnServer is null ? null : Connect(host, turnServer, user, TurnUsers[user]);
        var alice = new IcePeer(a, hostA.Bind(MediaPortA), hostA.Bind(), sigSocket.LocalEndPoint, "call-1", Relay(hostA, "alice"));
        var bob = new IcePeer(b, hostB.Bind(MediaPortB), hostB.Bind(), sigSocket.LocalEndPoint, "call-1", Relay(hostB, "bob"));
        alice.Start(stunEndpoint);
        bob.Start(stunEndpoint);
        // Run until both agents have completed or failed (the agents' own timeout bounds this), then free the relays.
        while (!(Final(a) && Final(b)) && net.Step()) { }
        if (consent)
        {
            // RFC 8445 §8.3: once ICE has chosen, a relay the selected pair does not use is freed; kept, it would be
            // refreshed through a NAT row that expired long before (a new public port, and 437 at the server).
            foreach (var peer in new[] { alice, bob })
                if (peer.Agent.SelectedPair is not { Local.Type: CandidateType.Relayed }) peer.ReleaseRelay();
            return new IceSession(net, natA, natB, alice, bob, turn);
        }
        alice.ReleaseRelay();
        bob.ReleaseRelay();
        net.RunUntilIdle();
        return new IceSession(net, natA, natB, alice, bob, turn);
    }

    /// <summary>
    /// Advances the call by <paramref name="duration"/> of virtual time: consent checks, media, NAT mapping timers, TURN
    /// refreshes. Returns the session, so a notebook cell shows it.
    /// </summary>
    public IceSession RunFor(TimeSpan duration)
    {
        Network.RunFor(duration);
        return this;
    }

    /// <summary>Every pair of <paramref name="nats"/> (Alice's × Bob's), by default the whole <see cref="PeerNat.Grid"/>, with or without a TURN server.</summary>
    public static IReadOnlyList<IceOutcome> Grid(IReadOnlyList<PeerNat>? nats = null, long seed = 1, bool tracing = false, bool turn = false)
    {
        nats ??= PeerNat.Grid;
        return [.. from x in nats from y in nats select Run(x, y, seed, tracing, turn: turn).Outcome];
    }

    private static bool Final(IceAgent agent) => agent.State is IceAgentState.Completed or IceAgentState.Failed;

    /// <summary>Drives a machine with every timeout in the simulation's background.</summary>
    private sealed class InBackground(Protocols.IProtocolMachine inner) : Protocols.IProtocolMachine
    {
        public TimeSpan? NextTimeout() => inner.NextTimeout();
        public bool NextTimeoutIsBackground => true;
        public void HandleTimeout(TimeSpan now) => inner.HandleTimeout(now);
        public void HandleDatagram(TimeSpan now, Protocols.Datagram datagram) => inner.HandleDatagram(now, datagram);
        public bool TryPollTransmit(out Protocols.Datagram datagram) => inner.TryPollTransmit(out datagram);
    }

    private static (TurnClient, UdpSocket) Connect(Host host, IPEndPoint server, string user, string password)
    {
        var socket = host.Bind();
        return (new TurnClient(socket.LocalEndPoint, server, user, password, host.Network.Random.Fork()), socket);
    }
}
