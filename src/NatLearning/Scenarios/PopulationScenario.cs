using NatLearning.Ice;
using NatLearning.Simulation;

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
        var r = new ScenarioResult(this, new Network(options.Seed));
        foreach (var line in report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) r.Say(line.Trim());
        // Wall time is not part of the story (the same seed must tell the same story); the command line prints it.
        r.Say("Each session ran in its own simulated network with tracing off.");
        return r;
    }
}
