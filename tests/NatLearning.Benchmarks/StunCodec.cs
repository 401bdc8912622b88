using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Benchmarks;

/// <summary>
/// The STUN codec on the message ICE sends most: a connectivity check (USERNAME, PRIORITY, ICE-CONTROLLING,
/// USE-CANDIDATE, MESSAGE-INTEGRITY, FINGERPRINT, RFC 8445 §7.2.2), and its success response.
/// Run: dotnet run -c Release --project tests/NatLearning.Benchmarks -- --filter '*StunCodec*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class StunCodec
{
    // In process, as the other benchmarks here: BenchmarkDotNet's generated project did not see this class when built apart.
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private static readonly byte[] Key = System.Text.Encoding.UTF8.GetBytes("a-password-of-22-chars");
    private readonly TransactionId _id = new(0x0102030405060708, 0x090a0b0c);
    private StunMessage _check = null!;
    private byte[] _checkBytes = null!;
    private StunMessage _parsed = null!;
    private byte[] _responseBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _check = new StunMessage(StunMethod.Binding, StunClass.Request, _id,
            [new Username("bobU:aliceU"), new Priority(1853817087), new IceControlling(0x1234_5678_9abc_def0), new UseCandidate()]);
        _checkBytes = _check.Encode(Key, fingerprint: true);
        _parsed = StunMessage.Parse(_checkBytes);
        _responseBytes = _check.SuccessResponse(new XorMappedAddress(new IPEndPoint(IPAddress.Parse("49.36.10.25"), 62000))).Encode(Key, fingerprint: true);
    }

    [Benchmark]
    public byte[] EncodeCheck() => _check.Encode(Key, fingerprint: true);

    [Benchmark]
    public StunMessage ParseCheck() => StunMessage.Parse(_checkBytes);

    [Benchmark]
    public bool VerifyCheck() => _parsed.VerifyFingerprint() && _parsed.VerifyMessageIntegrity(Key);

    /// <summary>What an agent does with an answer: parse, FINGERPRINT, MESSAGE-INTEGRITY, XOR-MAPPED-ADDRESS.</summary>
    [Benchmark]
    public IPEndPoint? HandleResponse()
    {
        var m = StunMessage.Parse(_responseBytes);
        return m.VerifyFingerprint() && m.VerifyMessageIntegrity(Key) ? m.MappedEndPoint : null;
    }

    /// <summary>Bytes allocated by one call of each benchmark, for <c>--quick</c>.</summary>
    public static void Quick()
    {
        var b = new StunCodec();
        b.Setup();
        foreach (var (name, run) in new (string, Action)[] { ("encode check", () => b.EncodeCheck()), ("parse check", () => b.ParseCheck()), ("verify check", () => b.VerifyCheck()), ("handle response", () => b.HandleResponse()) })
        {
            for (var i = 0; i < 1000; i++) run();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            const int n = 100_000;
            for (var i = 0; i < n; i++) run();
            sw.Stop();
            Console.WriteLine($"STUN {name}: {sw.Elapsed.TotalMilliseconds * 1e6 / n:0} ns, {(GC.GetAllocatedBytesForCurrentThread() - before) / n} bytes allocated");
        }
    }
}
