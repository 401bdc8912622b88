using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Turn;

namespace NatLearning.Benchmarks;

/// <summary>
/// 10 000 live allocations in the sans-I/O TURN server, each made as a client makes it (401 challenge, then the
/// authenticated Allocate), each with one permission. [MemoryDiagnoser] gives the bytes allocated on the way;
/// <c>--quick</c> prints the bytes the server still holds per allocation once the garbage is collected.
/// Run: dotnet run -c Release --project tests/NatLearning.Benchmarks -- --filter '*TurnAllocations*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TurnAllocations
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }

    [Params(10_000)]
    public int Allocations { get; set; }

    [Benchmark]
    public TurnServer MakeAllocations() => Build(Allocations);

    /// <summary>A server holding <paramref name="count"/> allocations (one relay endpoint each), one permission each.</summary>
    public static TurnServer Build(int count)
    {
        var listen = new IPEndPoint(IPAddress.Parse("203.0.113.5"), 3478);
        var server = new TurnServer(listen, new TurnServerOptions
        {
            Realm = "natlearning.example",
            Users = new Dictionary<string, string> { ["alice"] = "secret" },
            RelayEndPoints = [.. Enumerable.Range(0, count).Select(i => new IPEndPoint(IPAddress.Parse("203.0.113.5"), 10_000 + i))],
        }, new SeededRandom(1));
        var random = new SeededRandom(2);
        var key = new LongTermCredential("alice", "natlearning.example", "secret").Key;
        var peer = new XorPeerAddress(IPEndPoint.Parse("198.51.100.7:5000"));
        for (var i = 0; i < count; i++)
        {
            var now = TimeSpan.FromMilliseconds(i);
            var client = new IPEndPoint(IPAddress.Parse("49.36.10.25"), 1024 + i);
            var challenge = Exchange(server, now, client, StunMessage.Request(StunMethod.Allocate, TransactionId.New(random), new RequestedTransport(17)).Encode());
            StunAttribute[] credentials = [new Username("alice"), new Realm("natlearning.example"), challenge.Get<Nonce>()!];
            Exchange(server, now, client, new StunMessage(StunMethod.Allocate, StunClass.Request, TransactionId.New(random),
                [new RequestedTransport(17), .. credentials]).Encode(integrityKey: key));
            Exchange(server, now, client, new StunMessage(StunMethod.CreatePermission, StunClass.Request, TransactionId.New(random),
                [peer, .. credentials]).Encode(integrityKey: key));
        }
        if (server.Allocations.Count != count) throw new InvalidOperationException($"only {server.Allocations.Count} of {count} allocations were made");
        return server;
    }

    private static StunMessage Exchange(TurnServer server, TimeSpan now, IPEndPoint client, byte[] request)
    {
        server.HandleDatagram(now, new Datagram(server.Listen, client, request));
        StunMessage? last = null;
        while (server.TryPollTransmit(out var d)) last = StunMessage.Parse(d.Payload.Span);
        while (server.TryPollEvent(out _)) { }
        return last ?? throw new InvalidOperationException("the server did not answer");
    }
}
