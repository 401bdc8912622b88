using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Scenarios;

/// <summary>Many peers with a typical NAT mix, paired at random, each pair running ICE: how many connect directly, and what a relay would carry.</summary>
public sealed class PopulationScenario : Scenario
{
    public override string Name => "population";
    public override string Title => "A population of ICE peers";
    public override string Summary => "N peers behind a typical NAT mix connect in random pairs through ICE (--peers N).";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var report = Population.Run(new PopulationOptions { Peers = options.Peers, Seed = options.Seed });
        // The packets shown are those of one relayed session (symmetric × port-restricted cone), traced.
        var sample = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("port-restricted-cone"), options.Seed, options.Tracing, turn: true);
        var r = new ScenarioResult(this, sample.Network);
        foreach (var line in report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) r.Say(line.Trim());
        r.Say($"The packets below are one sample session, symmetric × port-restricted cone: {sample.Outcome}.");
        // Wall time is not part of the story (the same seed must tell the same story); the command line prints it.
        r.Say("Each session ran in its own simulated network with tracing off.");
        return r;
    }
}
