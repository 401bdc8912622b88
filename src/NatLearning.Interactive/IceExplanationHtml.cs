using System.Globalization;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>
/// Why an ICE session ended as it did: the selected pair (or the failure) in bold, the reasons it won, then every pair
/// each agent checked with its fate; the selected pair's row in bold, failed rows in red, long reasons wrapped.
/// </summary>
public static class IceExplanationHtml
{
    public static string Render(IceExplanation x) => Html.View(Body(x));

    internal static string Body(IceExplanation x)
    {
        var selected = x.Pairs.Any(p => p.Pair.Nominated && p.Pair.State == CandidatePairState.Succeeded);
        var card = new Card(Html.E(x.Winner.Count > 0 ? x.Winner[0] : "(nothing to explain)"), nameof(IceExplanation), selected ? Tone.Ok : Tone.Bad);
        foreach (var w in x.Winner.Skip(1)) card.Sub(Html.E(w));
        card.Section(PairFates(x.Pairs));
        return card.Body();
    }

    internal static string PairFates(IReadOnlyList<IceExplanation.PairFate> fates) =>
        Fold.Table("<table><thead><tr><th>Agent</th><th>Local (base)</th><th>Remote</th><th>Pair priority</th><th>State</th><th>Why</th></tr></thead>",
            [.. fates.Select(Row)]);

    internal static string Row(IceExplanation.PairFate f)
    {
        var p = f.Pair;
        var cls = p.Nominated && p.State == CandidatePairState.Succeeded ? " class=\"nat-created\"" : p.State == CandidatePairState.Failed ? " class=\"dropped\"" : "";
        return $"<tr{cls}><td>{Html.E(f.Agent)}</td><td>{Html.E(p.Local.Type.SdpName())} {p.Local.Base}</td><td>{Html.E(p.Remote.Type.SdpName())} {p.Remote.Address}</td>"
             + $"<td>0x{p.Priority.ToString("x16", CultureInfo.InvariantCulture)}</td><td>{p.State}{(p.Nominated ? ", nominated" : "")}</td><td class=\"wrap\">{Html.E(f.Why)}</td></tr>";
    }
}
