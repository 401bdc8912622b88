using System.Globalization;
using NatLearning.Ice;

namespace NatLearning.Scenarios;

/// <summary>ICE end to end: discover candidates, test every pair, choose one; why the winner won.</summary>
public sealed class IceScenario : Scenario
{
    public override string Name => "ice";
    public override string Title => "ICE: discover, test, choose";
    public override string Summary => "Alice and Bob gather candidates, swap them by signalling, check every pair and nominate one (--nat-a, --nat-b, --turn).";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var s = IceSession.Run(PeerNat.Parse(options.NatA), PeerNat.Parse(options.NatB), options.Seed, options.Tracing, turn: options.Turn);
        var r = new ScenarioResult(this, s.Network);
        var a = s.Alice.Agent;
        var b = s.Bob.Agent;
        r.Say($"Alice is behind {s.NatA}, Bob behind {s.NatB}. Alice is {a.Role}, Bob {b.Role}; checks every {a.Options.Ta.TotalMilliseconds:0} ms (Ta).");
        if (s.WithTurn) r.Say("A TURN server is available: each peer also allocated a relayed candidate (type preference 0, the last resort).");
        r.Say($"Discover: Alice found {a.LocalCandidates.Count} candidate(s), Bob {b.LocalCandidates.Count}; each sent its description through the signalling server.");
        r.Say($"Test: Alice's check list had {a.CheckList.Pairs.Count} pair(s), Bob's {b.CheckList.Pairs.Count}; {a.PacketsSent + b.PacketsSent} STUN packets in all.");
        r.Say("Choose: " + s.Outcome.ToString().Replace(" × ", " and ", StringComparison.Ordinal) + ".");
        var why = s.Explain();
        foreach (var line in why.Winner) r.Say(line);
        r.AddSection("Alice's candidates (as the Trickle ICE page lists them)", CandidatesTable.ToText(s.Alice));
        r.AddSection("Bob's candidates", CandidatesTable.ToText(s.Bob));
        r.AddSection("Alice's candidate pairs (as chrome://webrtc-internals shows them; ▶ = selected)", PairGrid.ToText(a));
        r.AddSection("Bob's candidate pairs", PairGrid.ToText(b));
        r.AddSection("Why each pair ended as it did", string.Concat(why.Pairs.Select(p => p + "\n")));
        r.SnapshotTables("NAT tables at the end");
        return r;
    }
}
