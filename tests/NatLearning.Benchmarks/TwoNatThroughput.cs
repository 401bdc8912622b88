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
    public const int Burst = 64;

    [Params(false, true)]
    public bool Tracing { get; set; }

    private Network _net = null!;
    private UdpSocket _alice = null!;
    private System.Net.IPEndPoint _bobPublic = null!;
    private readonly byte[] _payload = new byte[64];

    // One network for the whole run: the holes stay open and each operation is the steady state of a flow.
    [GlobalSetup]
    public void Setup()
    {
        _net = new Network(seed: 1);
        var a = _net.AddNat("A", NatBehavior.FullCone, "49.36.10.25", "192.168.1.0/24");
        var b = _net.AddNat("B", NatBehavior.FullCone, "88.20.15.90", "192.168.0.0/24");
        _alice = a.AddHost("Alice", "192.168.1.10").Bind(5000);
        var bob = b.AddHost("Bob", "192.168.0.25").Bind(7000);
        bob.QueueReceived = false;   // a sink: counts datagrams without keeping them
        // Bob opens his side first so Alice's packets find a mapping.
        bob.Send(new System.Net.IPEndPoint(a.PublicAddress, 5000), _payload);
        _net.RunUntilIdle();
        _bobPublic = new System.Net.IPEndPoint(b.PublicAddress, 7000);
        _net.Trace.Enabled = Tracing;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerOperation)]
    public long SendThroughTwoNats()
    {
        _net.Trace.Clear();          // with tracing on, keep memory flat across operations
        long events = 0;
        for (var sent = 0; sent < PacketsPerOperation; sent += Burst)
        {
            for (var i = 0; i < Burst; i++) _alice.Send(_bobPublic, _payload);
            events += _net.RunUntilIdle();
        }
        return events;
    }
}
