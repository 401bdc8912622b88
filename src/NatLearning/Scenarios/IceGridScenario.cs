using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Scenarios;

/// <summary>ICE between every pair of NAT types, without and with a TURN server: where direct works, where only a relay does.</summary>
public sealed class IceGridScenario : Scenario
{
    public override string Name => "ice-grid";
    public override string Title => "ICE outcome grid";
    public override string Summary => "ICE for every pair of NAT types (no NAT, four classic, 1:1, CGN), without and with TURN.";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var without = IceSession.Grid(seed: options.Seed);
        var with = IceSession.Grid(seed: options.Seed, turn: true);
        // The packets shown are those of one cell: the hardest, two symmetric NATs, with TURN.
        var sample = IceSession.Run(PeerNat.Parse("symmetric"), PeerNat.Parse("symmetric"), options.Seed, options.Tracing, turn: true);
        var r = new ScenarioResult(this, sample.Network);
        r.Say($"Without TURN {without.Count(o => o.Succeeded)} of {without.Count} pairs connect; the rest have no direct path (RFC 4787 §5: a mapping that changes per destination meets filtering by address and port).");
        r.Say($"With TURN all {with.Count(o => o.Succeeded)} of {with.Count} connect; {with.Count(o => o.Selected == CandidateType.Relayed)} of them through the relay, exactly the ones that failed without it.");
        r.AddSection("Without a TURN server (selected pair's kind, time from first check to selection)", OutcomeGrid.ToText(without));
        r.AddSection("With a TURN server", OutcomeGrid.ToText(with));
        r.Say($"The packets below are one cell, symmetric × symmetric with TURN: {sample.Outcome}.");
        return r;
    }
}
