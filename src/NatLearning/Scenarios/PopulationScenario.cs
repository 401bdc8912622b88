using System.Diagnostics;
using NatLearning.Ice;

namespace NatLearning.Scenarios;

/// <summary>Many peers with a typical NAT mix, paired at random, each pair running ICE: how many connect directly, and what a relay would carry.</summary>
public sealed class PopulationScenario : Scenario
{
    public override string Name => "population";
    public override string Title => "A population of ICE peers";
    public override string Summary => "N peers behind a typical NAT mix connect in random pairs through ICE (--peers N).";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var sw = Stopwatch.StartNew();
        var report = Population.Run(new PopulationOptions { Peers = options.Peers, Seed = options.Seed });
        sw.Stop();
        // The packets shown are those of one relayed session (symmetric × port-restricted cone), traced.
        var sample = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("port-restricted-cone"), options.Seed, options.Tracing, turn: true);
        var r = new ScenarioResult(this, sample.Network);
        foreach (var line in report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) r.Say(line.Trim());
        r.Say($"The packets below are one sample session, symmetric × port-restricted cone: {sample.Outcome}.");
        r.Say($"Each session ran in its own simulated network with tracing off; the whole run took {sw.Elapsed.TotalSeconds:0.0} s of wall time.");
        return r;
    }
}
