using System.Buffers.Binary;
using System.Net;
using System.Text;
using NatLearning.Ice;
using NatLearning.Packets;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Lab;

/// <summary>
/// Why a session ended as it did: the selected pair and why it beat the others (priorities), and for every pair that
/// failed, why, down to the NAT that dropped its checks and the rule it applied (from the trace's drop events).
/// </summary>
public sealed class IceExplanation
{
    private IceExplanation(IReadOnlyList<string> winner, IReadOnlyList<PairFate> pairs)
    {
        Winner = winner;
        Pairs = pairs;
    }

    /// <summary>Sentences on the selected pair (or on the failure).</summary>
    public IReadOnlyList<string> Winner { get; }

    /// <summary>Every pair each agent checked, with its fate.</summary>
    public IReadOnlyList<PairFate> Pairs { get; }

    /// <summary>One pair of one agent, what became of it, and the drops that explain a failure.</summary>
    /// <param name="Drops">Dropped packets of this pair's transactions: its own checks and the peer's answers to them, as they reached the node that dropped them.</param>
    public sealed record PairFate(string Agent, CandidatePair Pair, IReadOnlyList<TraceEvent> Drops)
    {
        /// <summary>
        /// E.g. "our check, 49.36.10.25:62000 → 192.168.0.10:7000 when it reached Internet, dropped there (NoRoute): ..." or
        /// "the peer's answer to our check, ... dropped there (FilteredByPort): ...; it came from port 54003, not 54000 where our check went".
        /// </summary>
        public string Why => Pair.State switch
        {
            CandidatePairState.Succeeded => $"succeeded, RTT {Pair.Rtt?.TotalMilliseconds:0.#} ms",
            CandidatePairState.Failed when Drops.Count > 0 => $"{Pair.FailureReason}; " +
                string.Join("; ", Drops.GroupBy(d => (Answer: IsAnswer(d), d.Node, d.Reason, d.Detail, From: d.Source?.ToString(), To: d.Destination?.ToString()))
                    .Select(g => Describe(g.Key.Answer, g.Key.Node, g.Key.Reason, g.Key.Detail, g.First().Source, g.Key.To, g.Count()))),
            _ => Pair.FailureReason ?? Pair.State.ToString(),
        };

        // Both the check and the answer carry the check's transaction id; the class tells them apart (RFC 8489 §5).
        private static bool IsAnswer(TraceEvent drop) =>
            StunMessageType.Decode(BinaryPrimitives.ReadUInt16BigEndian(drop.Bytes.AsSpan(Packet.HeaderLength))).Class != StunClass.Request;

        private string Describe(bool answer, string node, DropReason? reason, string? detail, IPEndPoint? from, string? to, int count)
        {
            var sb = new StringBuilder(answer ? "the peer's answer to our check, " : "our check, ")
                .Append(from).Append(" → ").Append(to).Append(" when it reached ").Append(node)
                .Append(", dropped there (").Append(reason).Append("): ").Append(detail);
            if (count > 1) sb.Append(" (×").Append(count).Append(')');
            // The answer goes back to where the check came from, but it leaves the peer's side through whatever mapping
            // the peer's NAT picks for that destination: with a per-destination mapping, not the one the check came in by.
            var remote = Pair.Remote.Address;
            if (answer && from is not null && !from.Equals(remote))
                sb.Append(from.Address.Equals(remote.Address)
                    ? $"; it came from port {from.Port}, not {remote.Port} where our check went: the peer's NAT sent the answer out through another mapping"
                    : $"; it came from {from}, not {remote} where our check went");
            return sb.ToString();
        }

        public override string ToString() =>
            $"{Agent}: {Pair.Local.Type.SdpName()} {Pair.Local.Base} → {Pair.Remote.Type.SdpName()} {Pair.Remote.Address} (0x{Pair.Priority:x16}): {Why}";
    }

    internal static IceExplanation Of(IceSession s)
    {
        var drops = new Dictionary<TransactionId, List<TraceEvent>>();
        foreach (var e in s.Network.Trace.Events)
        {
            if (e.Kind != TraceEventKind.Dropped || e.TransactionId is not { } id) continue;
            if (!drops.TryGetValue(id, out var list)) drops[id] = list = [];
            list.Add(e);
        }
        var fates = new List<PairFate>();
        foreach (var agent in new[] { s.Alice.Agent, s.Bob.Agent })
            foreach (var p in agent.CheckList.Pairs)
                fates.Add(new PairFate(agent.Name, p, [.. p.CheckTransactions.SelectMany(id => drops.TryGetValue(id, out var l) ? l : [])]));

        var winner = new List<string>();
        var a = s.Alice.Agent;
        if (a.SelectedPair is { } sel && s.Bob.Agent.SelectedPair is not null)
        {
            winner.Add($"Selected: {sel.Local.Type.SdpName()} {sel.Local.Address} ⇄ {sel.Remote.Type.SdpName()} {sel.Remote.Address}, " +
                       $"pair priority 0x{sel.Priority:x16} (local {sel.Local.PriorityParts}, remote {sel.Remote.PriorityParts}), nominated by {(a.Role == IceRole.Controlling ? "Alice" : "Bob")} (controlling).");
            var better = a.CheckList.Pairs.Where(p => p.Priority > sel.Priority && p.State == CandidatePairState.Failed).ToList();
            var late = a.CheckList.Pairs.Where(p => p.Priority > sel.Priority && p.AnsweredAfterSelection).ToList();
            if (better.Count > 0)
                winner.Add($"{better.Count} pair(s) with a higher priority failed first, so this was the best that worked.");
            if (late.Count > 0)
                winner.Add($"{late.Count} pair(s) with a higher priority answered only after the selection: their checks were cancelled when this pair was chosen, not lost (RFC 8445 §8.1.2), and ICE nominates once (§8.1.1).");
            if (better.Count == 0 && late.Count == 0)
                winner.Add("It had the highest priority of the pairs that worked.");
            if (a.ValidList.Count > 1)
                winner.Add($"Valid pairs: {string.Join(", ", a.ValidList.Pairs.Select(p => $"{p.Local.Type.SdpName()}/{p.Remote.Type.SdpName()} 0x{p.Priority:x16}"))}.");
            if (sel.Kind == CandidateType.PeerReflexive)
                winner.Add("A peer-reflexive address was involved: a NAT gave the checks a different public port than the one the STUN server saw (non-endpoint-independent mapping), and ICE learned it from the checks.");
        }
        else if (new[] { a, s.Bob.Agent }.FirstOrDefault(x => x.ConsentLostAt is not null) is { } lost)
            winner.Add($"ICE had connected, but {lost.Name} stopped sending at {lost.ConsentLostAt!.Value.TotalSeconds:0.###} s, {lost.FailureReason}.");
        else
        {
            winner.Add($"ICE failed: {a.FailureReason ?? s.Bob.Agent.FailureReason ?? "no pair was selected"}.");
            if (a.RemoteCredentials is null || s.Bob.Agent.RemoteCredentials is null)
                winner.Add("The two sides never exchanged candidates, so no pair, direct or relayed, could be checked.");
            else
                winner.Add("No direct path exists between these NATs; only a relay (TURN) could connect them.");
        }
        if (!s.Network.Trace.Enabled) winner.Add("Tracing was off, so drops are not explained.");
        return new IceExplanation(winner, fates);
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var w in Winner) sb.Append(w).Append('\n');
        foreach (var p in Pairs) sb.Append("  ").Append(p).Append('\n');
        return sb.ToString();
    }
}
