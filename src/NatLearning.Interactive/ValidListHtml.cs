using System.Globalization;
using NatLearning.Ice;

namespace NatLearning.Interactive;

/// <summary>The valid list (RFC 8445 §7.2.5.3.2): the best pair in bold, then every pair that worked, highest priority first.</summary>
public static class ValidListHtml
{
    public static string Render(ValidList v) => Html.View(Body(v));

    internal static string Body(ValidList v)
    {
        var card = new Card(v.Best is { } best ? "Best: " + CandidatePairHtml.Ends(best) : "Empty: no check has succeeded yet", nameof(ValidList), v.Count > 0 ? Tone.Ok : Tone.Warn)
            .Sub(Html.E(Fold.Count(v.Count, "valid pair", "valid pairs") + ", highest priority first."));
        if (v.Count > 0)
            card.Section(Fold.Table("<table><thead><tr><th>Local</th><th>Remote</th><th>Pair priority</th><th>RTT</th><th>Nominated</th></tr></thead>",
                [.. v.Pairs.Select((p, i) => $"<tr{(i == 0 ? " class=\"nat-created\"" : "")}><td>{Html.E(p.Local.Type.SdpName())} {p.Local.Address}</td><td>{Html.E(p.Remote.Type.SdpName())} {p.Remote.Address}</td>"
                    + $"<td>0x{p.Priority.ToString("x16", CultureInfo.InvariantCulture)}</td><td>{(p.Rtt is { } t ? Html.Ms(t) : "–")}</td><td>{(p.Nominated ? "yes" : "no")}</td></tr>")]));
        return card.Body();
    }
}
