using System.Globalization;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>A population of ICE calls: the shares direct / relayed / failed in bold with a bar, what relaying costs, then the commonest outcomes.</summary>
public static class PopulationReportHtml
{
    public static string Render(PopulationReport r) => Html.View(Body(r));

    internal static string Body(PopulationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var verdict = $"direct {Html.Percent(r.DirectShare)} · relayed {Html.Percent(r.RelayedShare)} · failed {Html.Percent(r.FailedShare)}";
        var bar = "<div class=\"nl-bar\" role=\"img\" aria-label=\"" + Html.E(verdict) + "\">"
            + Segment(r.DirectShare, "#43a047") + Segment(r.RelayedShare, "#fb8c00") + Segment(r.FailedShare, "#e53935") + "</div>";
        var card = new Card(Html.E(verdict), nameof(PopulationReport), r.Failed > 0 ? Tone.Warn : Tone.Ok)
            .Section(bar)
            .Sub(Html.E(string.Create(c, $"{r.Options.Peers} peers in {r.Sessions} calls, {(r.Options.Turn ? "with" : "without")} a TURN server (seed {r.Options.Seed}).")))
            .Row("Mean time to selection", r.MeanTimeToSelection is { } t ? Html.Ms(t) : null)
            .Row("STUN packets", Html.Code(r.Packets))
            .Row("Relay bandwidth", Html.E(string.Create(c, $"{r.RelayMbps:0} Mbit/s with every call live at {r.Options.SessionMbps} Mbit/s each way: ${r.DollarsPerHour(r.RelayMbps):0.00} per hour at ${r.Options.DollarsPerGb}/GB")))
            .Row("If the failed calls were relayed", r.Failed == 0 ? null : Html.E(string.Create(c, $"{r.RelayMbpsIfFailedWereRelayed:0} Mbit/s, ${r.DollarsPerHour(r.RelayMbpsIfFailedWereRelayed):0.00} per hour")));
        // Ties by name, as in ToString: the dictionary's order is the order parallel sessions finished in.
        var rows = r.Outcomes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Select(kv => string.Create(c, $"<tr><td>{Html.E(kv.Key.NatA)}</td><td>{Html.E(kv.Key.NatB)}</td><td>{Html.E(kv.Key.Result)}</td><td>{kv.Value}</td></tr>")).ToList();
        card.Section(Fold.Table("<table><thead><tr><th>Alice's NAT</th><th>Bob's NAT</th><th>Result</th><th>Calls</th></tr></thead>", rows));
        return card.Body();
    }

    private static string Segment(double share, string colour) =>
        share <= 0 ? "" : $"<span style=\"width:{(share * 100).ToString("0.##", CultureInfo.InvariantCulture)}%;background:{colour}\"></span>";
}
