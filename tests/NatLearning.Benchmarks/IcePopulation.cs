using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Benchmarks;

/// <summary>
/// A population of peers with the typical NAT mix, paired at random, each pair running ICE end to end, tracing off.
/// Target (issue 6): 100 000 peers (50 000 sessions) in under 10 s and under 2 GB.
/// Run: dotnet run -c Release --project tests/NatLearning.Benchmarks -- --filter '*IcePopulation*'
/// (or --quick for one Stopwatch pass with the peak working set).
/// In process: one operation takes seconds, far above what in-process timing distorts, and no boilerplate project is built.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SlowRunConfig))]
public class IcePopulation
{
    private sealed class SlowRunConfig : ManualConfig
    {
        public SlowRunConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }

    [Params(100_000)]
    public int Peers { get; set; }

    /// <summary>With a TURN server (pairs with no direct path are relayed) or without (they fail).</summary>
    [Params(true, false)]
    public bool Turn { get; set; }

    [Benchmark]
    public PopulationReport RunPopulation() => Population.Run(new PopulationOptions { Peers = Peers, Turn = Turn });
}
