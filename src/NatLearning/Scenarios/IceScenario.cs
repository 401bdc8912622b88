using System.Globalization;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Scenarios;

/// <summary>ICE end to end: discover candidates, test every pair, choose one; why the winner won.</summary>
public sealed class IceScenario : Scenario
{
    public override string Name => "ice";
    public override string Title => "ICE: discover, test, choose";
    public override string Summary => "Alice and Bob gather candidates, swap them by signalling, check every pair and nominate one (--nat-a, --nat-b, --turn, --consent, --nomination).";

    public override ScenarioResult Run(ScenarioOptions options)
    {
        var s = IceSession.Run(PeerNat.Parse(options.NatA), PeerNat.Parse(options.NatB), options.Seed, options.Tracing,
            options: options.Consent || options.Nomination != NominationMode.Regular ? new IceOptions { ConsentFreshness = options.Consent, Nomination = options.Nomination } : null,
            turn: options.Turn);
        var r = new ScenarioResult(this, s.Network);
        var a = s.Alice.Agent;
        var b = s.Bob.Agent;
        r.Say($"Alice is behind {s.NatA}, Bob behind {s.NatB}. Alice is {a.Role}, Bob {b.Role}; checks every {a.Options.Ta.TotalMilliseconds:0} ms (Ta).");
        if (a.Options.Nomination == NominationMode.Aggressive)
            r.Say("Alice nominates aggressively (RFC 5245 §8.1.1.2, as older stacks do): every check she sends carries USE-CANDIDATE, so the first pair that answers is chosen, not the best one.");
        if (s.WithTurn)
        {
            static bool Relayed(IceAgent x) => x.LocalCandidates.Any(c => c.Type == CandidateType.Relayed);
            var without = new[] { a, b }.Where(x => !Relayed(x)).Select(x => x.Name).ToList();
            r.Say(without.Count == 0
                ? "A TURN server is available: each peer also allocated a relayed candidate (type preference 0, the last resort)."
                : $"A TURN server is available, but {string.Join(" and ", without)} could not allocate a relayed candidate: {(without.Count == 2 ? "their requests" : "the requests")} to the TURN server got no answer.");
        }
        var unheard = new[] { (To: a, From: b), (To: b, From: a) }.Where(x => x.To.RemoteCredentials is null).Select(x => x.From.Name).ToList();
        r.Say($"Discover: Alice found {a.LocalCandidates.Count} candidate(s), Bob {b.LocalCandidates.Count}; " + (unheard.Count == 0
            ? "each sent its description through the signalling server."
            : $"{string.Join(" and ", unheard)}'s description never reached the other side: the signalling server is reached over UDP too."));
        r.Say($"Test: Alice's check list had {a.CheckList.Pairs.Count} pair(s), Bob's {b.CheckList.Pairs.Count}; {a.PacketsSent + b.PacketsSent} STUN packets in all." + LearnedPairs(a, b));
        r.Say("Choose: " + s.Outcome.ToString().Replace(" × ", " and ", StringComparison.Ordinal) + ".");
        foreach (var line in s.Explain().Winner) r.Say(line);
        if (options.Consent && s.Outcome.Succeeded) Keep(s, r);
        var why = s.Explain();
        r.AddSection("Alice's candidates (as the Trickle ICE page lists them)", CandidatesTable.ToText(s.Alice));
        r.AddSection("Bob's candidates", CandidatesTable.ToText(s.Bob));
        r.AddSection("Alice's candidate pairs (as chrome://webrtc-internals shows them; ▶ = selected)", PairGrid.ToText(a));
        r.AddSection("Bob's candidate pairs", PairGrid.ToText(b));
        r.AddSection("Why each pair ended as it did", string.Concat(why.Pairs.Select(p => p + "\n")));
        r.SnapshotTables("NAT tables at the end");
        return r;
    }

    // The pair tables also list valid pairs built from a check's XOR-MAPPED-ADDRESS (RFC 8445 §7.2.5.3.2), which were never in
    // the check list; say so, or a reader counts more rows than the sentence above says.
    private static string LearnedPairs(IceAgent a, IceAgent b)
    {
        int Extra(IceAgent x) => x.ValidList.Pairs.Count(v => !x.CheckList.Pairs.Contains(v));
        var (ea, eb) = (Extra(a), Extra(b));
        return ea + eb == 0 ? "" :
            $" The answers added {ea} valid pair(s) for Alice and {eb} for Bob that no one checked (built from the address a check's answer reported), so Alice's pair table has {a.CheckList.Pairs.Count + ea} row(s), Bob's {b.CheckList.Pairs.Count + eb}.";
    }

    /// <summary>The call goes on with consent checks past the NATs' mapping lifetime; then Bob leaves and Alice loses consent.</summary>
    private static void Keep(IceSession s, ScenarioResult r)
    {
        var a = s.Alice.Agent;
        s.RunFor(TimeSpan.FromMinutes(3));
        r.Say(string.Create(CultureInfo.InvariantCulture,
            $"Keep: for 3 minutes Alice sent {a.ConsentChecksSent} consent checks ({a.ConsentResponsesReceived} answered), Bob {s.Bob.Agent.ConsentChecksSent} ({s.Bob.Agent.ConsentResponsesReceived} answered), one every {a.Options.ConsentSpacing}."));
        if (s.Network.Nats.Any())
        {
            var lifetime = s.Network.Nats.Max(n => n.Behavior.MappingLifetime);
            var rows = s.Network.Nats.SelectMany(n => n.Table.Entries).Count(e => e.Created < a.CompletedAt);
            r.Say(string.Create(CultureInfo.InvariantCulture,
                $"{rows} NAT row(s) made during ICE are still open at {s.Network.Now.TotalSeconds:0} s, although a row lives {lifetime.TotalSeconds:0} s unless used: the consent checks use them."));
        }
        s.Alice.SendMedia("still there?");
        s.RunFor(TimeSpan.FromSeconds(1));
        r.Say($"Alice's media \"still there?\" {(s.Bob.MediaReceived.Count > 0 ? "reached Bob" : "did not reach Bob")}.");
        var left = s.Network.Now;
        s.Bob.Leave();
        s.RunFor(TimeSpan.FromMinutes(1));
        r.Say(a.ConsentLostAt is { } lost
            ? string.Create(CultureInfo.InvariantCulture, $"Bob left at {left.TotalSeconds:0.000} s. At {lost.TotalSeconds:0.000} s, {a.FailureReason}; Alice stopped sending.")
            : $"Bob left at {left.TotalSeconds:0.000} s; Alice still has consent.");
    }
}
