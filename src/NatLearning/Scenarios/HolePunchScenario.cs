using NatLearning.HolePunching;
using NatLearning.Lab;

namespace NatLearning.Scenarios;

/// <summary>Alice and Bob meet at a rendezvous server and punch holes through their NATs.</summary>
public sealed class HolePunchScenario : Scenario
{
    public override string Name => "hole-punch";
    public override string Title => "Hole punching";
    public override string Summary => "Alice and Bob learn their public endpoints, swap them, and punch (--nat-a, --nat-b).";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var punch = HolePunchExperiment.Run(PeerNat.Parse(options.NatA), PeerNat.Parse(options.NatB), options.Seed, tracing: options.Tracing);
        var r = new ScenarioResult(this, punch.Network);
        r.Say($"Alice is behind {punch.NatA.ClassicName}, Bob behind {punch.NatB.ClassicName}.");
        r.Say($"STUN told Alice her public endpoint is {HolePunchResult.Format(punch.Alice.PublicEndpoint)} and Bob his is {HolePunchResult.Format(punch.Bob.PublicEndpoint)}; the rendezvous server passed each to the other.");
        if (punch.Success)
            r.Say($"Both sides got an answer: connected directly {punch.ConnectedAfter!.Value.TotalMilliseconds:0} ms after the introduction, with {punch.ProbesSent} probes in all.");
        foreach (var line in punch.Explanation) r.Say(line);
        r.SnapshotTables("NAT tables at the end");
        return r;
    }
}
