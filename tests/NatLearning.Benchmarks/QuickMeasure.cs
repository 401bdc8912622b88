using System.Diagnostics;
using NatLearning.Lab;

namespace NatLearning.Benchmarks;

/// <summary><c>--quick</c>: one Stopwatch pass of each benchmark for a fast figure (BenchmarkDotNet's numbers are the real ones).</summary>
internal static class QuickMeasure
{
    public static void Run()
    {
        if (Environment.GetEnvironmentVariable("NATLEARN_BENCH_TURN_ALLOCATIONS") is { } allocationsText)
        {
            RunTurnAllocations(int.Parse(allocationsText, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (Environment.GetEnvironmentVariable("NATLEARN_BENCH_STUN") is not null)
        {
            StunCodec.Quick();
            return;
        }
        if (Environment.GetEnvironmentVariable("NATLEARN_BENCH_ICE_PEERS") is { } peersText)
        {
            RunPopulation(int.Parse(peersText, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        foreach (var tracing in Environment.GetEnvironmentVariable("NATLEARN_BENCH_TRACING_OFF_ONLY") is null ? new[] { false, true } : new[] { false })
        {
            var b = new TwoNatThroughput { Tracing = tracing };
            var best = TimeSpan.MaxValue;
            long allocated = 0;
            b.Setup();                                 // one network throughout, as BenchmarkDotNet runs it
            for (var pass = 0; pass < 20; pass++)      // tiered JIT needs several passes to settle; keep the best
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                b.SendThroughTwoNats();
                if (sw.Elapsed < best) best = sw.Elapsed;
                if (Environment.GetEnvironmentVariable("NATLEARN_BENCH_VERBOSE") is not null) Console.WriteLine($"  pass {pass}: {TwoNatThroughput.PacketsPerOperation / sw.Elapsed.TotalSeconds:N0} packets/s");
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Console.WriteLine($"two NATs, tracing {(tracing ? "on " : "off")}: {TwoNatThroughput.PacketsPerOperation / best.TotalSeconds:N0} packets/s (best of 20), " +
                $"{(double)allocated / TwoNatThroughput.PacketsPerOperation:0} bytes allocated per packet");
        }
    }

    /// <summary>One pass of the ICE population with wall time, allocations and the process's peak working set.</summary>
    private static void RunPopulation(int peers)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        var turn = Environment.GetEnvironmentVariable("NATLEARN_BENCH_ICE_TURN") != "0";
        var report = Lab.Population.Run(new Lab.PopulationOptions { Peers = peers, Turn = turn });
        sw.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.Write(report);
        Console.WriteLine($"{peers} peers ({(turn ? "with" : "without")} TURN): {sw.Elapsed.TotalSeconds:0.00} s, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e9:0.00} GB in all, peak working set {peak / 1e6:0} MB");
    }

    /// <summary>The bytes a TURN server holds for its live allocations, after a full collection, and the time to make them.</summary>
    private static void RunTurnAllocations(int count)
    {
        TurnAllocations.Build(100);   // JIT warm-up
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var server = TurnAllocations.Build(count);
        sw.Stop();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"{server.Allocations.Count} live TURN allocations (one permission each): {held / 1e6:0.0} MB held, {held / count:0} bytes per allocation, " +
            $"made in {sw.Elapsed.TotalSeconds:0.00} s ({count / sw.Elapsed.TotalSeconds:N0} allocations/s, three requests each); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        GC.KeepAlive(server);
    }
}
