using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Turn;

namespace NatLearning.Scenarios;

/// <summary>
/// The stage of the TURN scenarios: Alice behind a symmetric NAT (so hole punching fails), Bob behind a port-restricted
/// cone NAT, a TURN server on the internet, Alice's TURN client and Bob's socket on port 7000.
/// </summary>
internal sealed record RelayedCall(Network Network, NatRouter BobRouter, Host Alice, Host RelayHost, TurnServer Server, TurnClient Turn,
    SimulatedDriver AliceDriver, UdpSocket Bob)
{
    public const string Realm = "natlearning.example";
    public const string User = "alice";
    public const string Password = "correct horse";

    public static RelayedCall Build(ScenarioOptions options, Link? relayLink = null)
    {
        var net = new Network(options.Seed);
        net.Trace.Enabled = options.Tracing;
        var aliceRouter = net.AddNat("Alice's router", NatBehavior.Symmetric, "49.36.10.25", "192.168.1.0/24");
        var bobRouter = net.AddNat("Bob's router", NatBehavior.PortRestrictedCone, "88.20.15.90", "192.168.0.0/24");
        var alice = aliceRouter.AddHost("Alice", "192.168.1.10");
        var bob = bobRouter.AddHost("Bob", "192.168.0.25");
        var relayHost = net.AddHost("TURN server", "203.0.113.5", relayLink);
        var (server, _) = SimulatedTurn.Serve(relayHost, Realm, new Dictionary<string, string> { [User] = Password });
        var (turn, aliceDriver) = SimulatedTurn.Connect(alice, server.Listen, User, Password, localPort: 5000);
        return new RelayedCall(net, bobRouter, alice, relayHost, server, turn, aliceDriver, bob.Bind(7000));
    }
}
