using NatLearning.Simulation;

namespace NatLearning.Ice;

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
        var outcomes = new Dictionary<(string, string, string), int>();
        long direct = 0, relayed = 0, failed = 0, packets = 0;
        var selectTicks = 0L;
        for (var s = 0; s + 1 < peers.Length; s += 2)
        {
            var session = IceSession.Run(peers[s], peers[s + 1], (long)random.NextUInt64(), options.Tracing, options: PopulationIce, turn: options.Turn);
            var o = session.Outcome;
            packets += o.Packets;
            if (o.Selected == CandidateType.Relayed) relayed++;
            else if (o.Succeeded) direct++;
            else failed++;
            if (o.TimeToSelection is { } t) selectTicks += t.Ticks;
            var key = (o.NatA, o.NatB, o.Result);
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
        return new PopulationReport(options, direct, relayed, failed, packets,
            direct + relayed > 0 ? TimeSpan.FromTicks(selectTicks / (direct + relayed)) : null, outcomes);
    }

    /// <summary>The agents of a population keep no step-by-step log (it would cost more than the checks).</summary>
    private static readonly IceOptions PopulationIce = new() { KeepLog = false };
}
