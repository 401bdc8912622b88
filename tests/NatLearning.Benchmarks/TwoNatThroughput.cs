using BenchmarkDotNet.Attributes;
using NatLearning.Nat;
using NatLearning.Simulation;

namespace NatLearning.Benchmarks;

/// <summary>
/// Packets per second through two NATs (Alice → her NAT → internet → Bob's NAT → Bob), tracing off and on.
/// Target (issue 3): at least 5 million packets/s on one core with tracing off.
/// Run: dotnet run -c Release --project tests/NatLearning.Benchmarks -- --filter '*TwoNat*'
/// </summary>
[MemoryDiagnoser]
public class TwoNatThroughput
{
    public const int PacketsPerOperation = 100_000;

    /// <summary>Packets in flight at once: a steady flow, not 100 000 packets queued at the same instant.</summary>
    public const int Burst = 50;

    [Params(false, true)]
    public bool Tracing { get; set; }

    private Network _net = null!;
    private UdpSocket _alice = null!;
    private System.Net.IPEndPoint _bobPublic = null!;
    private UdpSocket _bob = null!;
    private System.Net.IPEndPoint _alicePublic = null!;
    private readonly byte[] _payload = new byte[64];

    // One network for the whole run: the holes stay open and each operation is the steady state of a flow.
    [GlobalSetup]
    public void Setup()
    {
        _net = new Network(seed: 1);
        var a = _net.AddNat("A", NatBehavior.FullCone, "49.36.10.25", "192.168.1.0/24");
        var b = _net.AddNat("B", NatBehavior.FullCone, "88.20.15.90", "192.168.0.0/24");
        _alice = a.AddHost("Alice", "192.168.1.10").Bind(5000);
        _bob = b.AddHost("Bob", "192.168.0.25").Bind(7000);
        _bob.QueueReceived = false;   // a sink: counts datagrams without keeping them
        _alice.QueueReceived = false;
        // Bob opens his side first so Alice's packets find a mapping.
        _alicePublic = new System.Net.IPEndPoint(a.PublicAddress, 5000);
        _bob.Send(_alicePublic, _payload);
        _net.RunUntilIdle();
        _bobPublic = new System.Net.IPEndPoint(b.PublicAddress, 7000);
        _net.Trace.Enabled = Tracing;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerOperation)]
    public long SendThroughTwoNats()
    {
        _net.Trace.Clear();          // with tracing on, keep memory flat across operations
        // An operation spans about 40 s of virtual time. Bob's mapping is refreshed only by Bob's own outbound
        // packets (RFC 4787 REQ-6), so without this keepalive it would expire after 120 s and every later packet
        // would be measured as a drop at Bob's NAT instead of a delivery.
        _bob.Send(_alicePublic, _payload);
        var before = _bob.ReceivedCount;
        long events = 0;
        for (var sent = 0; sent < PacketsPerOperation; sent += Burst)
        {
            for (var i = 0; i < Burst; i++) _alice.Send(_bobPublic, _payload);
            events += _net.RunUntilIdle();
        }
        var delivered = _bob.ReceivedCount - before;
        if (delivered != PacketsPerOperation)
            throw new InvalidOperationException($"Bob received {delivered} of {PacketsPerOperation} packets; the benchmark would measure drops, not the path through two NATs.");
        return events;
    }
}
