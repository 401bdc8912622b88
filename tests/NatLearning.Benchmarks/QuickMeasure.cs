using System.Diagnostics;

namespace NatLearning.Benchmarks;

/// <summary><c>--quick</c>: one Stopwatch pass of each benchmark for a fast figure (BenchmarkDotNet's numbers are the real ones).</summary>
internal static class QuickMeasure
{
    public static void Run()
    {
        foreach (var tracing in Environment.GetEnvironmentVariable("NATLEARN_BENCH_TRACING_OFF_ONLY") is null ? new[] { false, true } : new[] { false })
        {
            var b = new TwoNatThroughput { Tracing = tracing };
            var best = TimeSpan.MaxValue;
            for (var pass = 0; pass < 8; pass++)       // the first passes warm up the JIT; keep the best
            {
                b.Setup();
                var sw = Stopwatch.StartNew();
                b.SendThroughTwoNats();
                if (sw.Elapsed < best) best = sw.Elapsed;
            }
            Console.WriteLine($"two NATs, tracing {(tracing ? "on " : "off")}: {TwoNatThroughput.PacketsPerOperation / best.TotalSeconds:N0} packets/s (best of 8)");
        }
    }
}
