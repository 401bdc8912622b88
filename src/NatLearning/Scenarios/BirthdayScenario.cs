using NatLearning.HolePunching;
using NatLearning.Lab;

namespace NatLearning.Scenarios;

/// <summary>The birthday-paradox attack on a port-randomising NAT, measured over seeded trials.</summary>
public sealed class BirthdayScenario : Scenario
{
    public override string Name => "birthday";
    public override string Title => "Hard NAT: birthday-paradox probing";
    public override string Summary => "The hard side opens 256 ports, the easy side probes random ones: measured vs 1 − (1 − N/65536)^k.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var measured = BirthdayExperiment.Run(new BirthdayOptions(), options.Seed);
        // The trace shown is one small trial (8 open ports) so the packet list stays readable.
        var shown = BirthdayExperiment.Traced(openPorts: 8, probes: 40, seed: options.Seed);
        var r = new ScenarioResult(this, shown);
        r.Say("The hard NAT gives every destination a new random public port, so nobody can tell Bob which port will work.");
        r.Say($"Instead the hard side opens N = {measured.Options.OpenPorts} mappings toward the easy side, and the easy side probes random ports of the hard side's address.");
        foreach (var row in measured.Rows)
            r.Say($"After {row.Probes} probes: {row.Measured:P2} of {row.Trials} trials connected; the closed form 1 − (1 − N/65536)^k gives {row.ClosedForm:P2}.");
        var hits = shown.Hosts.Single(h => h.Name == "Hard").Sockets.Sum(s => s.ReceivedCount);
        r.Say($"The trace below is one small trial with 8 open ports and at most 40 probes: {hits} probe(s) landed on an open port.");
        r.SnapshotTables("NAT tables at the end of the small trial");
        return r;
    }
}
