using NatLearning.Ice;
using NatLearning.Simulation;

namespace NatLearning.Lab;

/// <summary>
/// Many peers, each behind a NAT drawn from a mix, paired at random; every pair runs ICE end to end in its own small
/// simulated network (gather, signal, check, nominate), so every outcome comes from the NAT model.
/// </summary>
/// <example>
/// <code>
/// var report = Population.Run(new PopulationOptions { Peers = 10_000 });
/// Console.WriteLine(report);   // direct 87.0 %, relayed 0 %, failed (needs a relay) 13.0 % ...
/// </code>
/// </example>
public static class Population
{
    public static PopulationReport Run(PopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mix = options.ParsedMix();
        var total = mix.Sum(m => m.Weight);
        var random = new SeededRandom(options.Seed);
        var peers = new PeerNat[options.Peers];
        for (var i = 0; i < peers.Length; i++)
        {
            var x = random.NextDouble() * total;
            var k = 0;
            while (k < mix.Count - 1 && x >= mix[k].Weight)
            {
                x -= mix[k].Weight;
                k++;
            }
            peers[i] = mix[k].Nat;
        }
        // Fisher–Yates, then neighbours are partners: random pairs.
        for (var i = peers.Length - 1; i > 0; i--)
        {
            var j = random.Next(0, i + 1);
            (peers[i], peers[j]) = (peers[j], peers[i]);
        }
        // Each session is independent and seeded up front, so running them on several cores gives the same report.
        var sessions = peers.Length / 2;
        var seeds = new long[sessions];
        for (var i = 0; i < sessions; i++) seeds[i] = (long)random.NextUInt64();
        var outcomes = new Dictionary<(string, string, string), int>();
        long direct = 0, relayed = 0, failed = 0, packets = 0, selectTicks = 0;
        var gate = new Lock();
        Parallel.For(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => new Tally(),
            (i, _, tally) =>
            {
                var o = IceSession.Run(peers[2 * i], peers[2 * i + 1], seeds[i], options.Tracing, options: PopulationIce, turn: options.Turn).Outcome;
                tally.Add(o);
                return tally;
            },
            tally =>
            {
                lock (gate)
                {
                    direct += tally.Direct;
                    relayed += tally.Relayed;
                    failed += tally.Failed;
                    packets += tally.Packets;
                    selectTicks += tally.SelectTicks;
                    foreach (var (k, n) in tally.Outcomes) outcomes[k] = outcomes.GetValueOrDefault(k) + n;
                }
            });
        return new PopulationReport(options, direct, relayed, failed, packets,
            direct + relayed > 0 ? TimeSpan.FromTicks(selectTicks / (direct + relayed)) : null, outcomes);
    }

    private sealed class Tally
    {
        public long Direct, Relayed, Failed, Packets, SelectTicks;
        public readonly Dictionary<(string, string, string), int> Outcomes = [];

        public void Add(IceOutcome o)
        {
            Packets += o.Packets;
            if (o.Selected == CandidateType.Relayed) Relayed++;
            else if (o.Succeeded) Direct++;
            else Failed++;
            if (o.TimeToSelection is { } t) SelectTicks += t.Ticks;
            var key = (o.NatA, o.NatB, o.Result);
            Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The agents of a population keep no step-by-step log (it would cost more than the checks), and a session ends when ICE has chosen: no consent checks.</summary>
    private static readonly IceOptions PopulationIce = new() { ReportSteps = false, ConsentFreshness = false };
}
