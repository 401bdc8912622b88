using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET;
using Trace = NatLearning.Tracing.Trace;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// One agent's check list on a time line: a row per candidate pair, a dot for every connectivity check the agent sent
/// on it (found in the trace by the pair's STUN transaction ids) and a star when the pair succeeded. Checks that
/// travel inside TURN messages are not visible as Binding requests on the wire, so relayed pairs show only their success.
/// Each row's label ends with the pair's final state; a square marks when the agent finished.
/// </summary>
public static class IceTimelineChart
{
    public static GenericChart Of(IceSession session) => Of(session.Alice.Agent, session.Network.Trace);

    public static GenericChart Of(IceAgent agent, Trace trace)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(trace);
        var requests = new List<(TimeSpan Time, TransactionId Id)>();
        foreach (var e in trace.Events)
        {
            if (e.Kind == TraceEventKind.Sent && e.Node == agent.Name && e.TryReadStunHeader(out _, out var c, out var id) && c == StunClass.Request)
                requests.Add((e.Time, id));
        }
        string Label(CandidatePair p) => $"{p.Local.Type.SdpName()} {p.Local.Address} → {p.Remote.Type.SdpName()} {p.Remote.Address}" +
            $" ({p.State}{(ReferenceEquals(p, agent.SelectedPair) ? ", selected" : "")})";
        // The check list plus the valid pairs ICE built from the checks' answers (as PairGrid lists them); the selected pair may be one of those.
        var pairs = agent.CheckList.Pairs.Concat(agent.ValidList.Pairs.Where(v => !agent.CheckList.Pairs.Contains(v))).ToList();
        var checks = pairs.SelectMany(p => requests.Where(r => p.CheckTransactions.Contains(r.Id)).Select(r => (X: r.Time.TotalMilliseconds, Y: Label(p)))).ToList();
        var successes = pairs.Where(p => p.SucceededAt is not null).Select(p => (X: p.SucceededAt!.Value.TotalMilliseconds, Y: Label(p) )).ToList();
        // Every pair gets a row, also a valid pair that no check was sent on.
        var end = (agent.CompletedAt ?? requests.Select(r => r.Time).DefaultIfEmpty().Max()).TotalMilliseconds;
        var chart = Chart.Combine([
            Chart.Point<double, string, string>(pairs.Select(_ => end), pairs.Select(Label), Name: "state when ICE finished",
                MarkerSymbol: StyleParam.MarkerSymbol.Square),
            Chart.Point<double, string, string>(checks.Select(c => c.X), checks.Select(c => c.Y), Name: "check sent"),
            Chart.Point<double, string, string>(successes.Select(c => c.X), successes.Select(c => c.Y), Name: "pair succeeded",
                MarkerSymbol: StyleParam.MarkerSymbol.Star),
        ]);
        return ChartStyle.Styled(chart, $"{agent.Name}'s connectivity checks, pair by pair", "time (ms, simulation clock)", "", 1000, 160 + 60 * pairs.Count);
    }
}
