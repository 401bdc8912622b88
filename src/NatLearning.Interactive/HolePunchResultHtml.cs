using NatLearning.HolePunching;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>A hole punch: connected or not in bold, the two NATs and the probes it took, then why, in the trace's own words.</summary>
public static class HolePunchResultHtml
{
    public static string Render(HolePunchResult r) => Html.View(Body(r));

    internal static string Body(HolePunchResult r)
    {
        var verdict = r.Success ? $"Connected directly after {Html.Ms(r.ConnectedAfter!.Value)}" : "No direct path";
        var card = new Card(Html.E(verdict), nameof(HolePunchResult), r.Success ? Tone.Ok : Tone.Bad)
            .Sub($"Alice behind <b>{Html.E(r.NatA.ClassicName)}</b>, Bob behind <b>{Html.E(r.NatB.ClassicName)}</b>; {Html.E(Fold.Count(r.ProbesSent, "probe", "probes"))} sent.");
        if (r.Explanation.Count > 0) card.Section("<ul>" + string.Concat(r.Explanation.Select(e => $"<li>{Html.E(e)}</li>")) + "</ul>");
        foreach (var p in new[] { r.Alice, r.Bob })
            card.Row(p.Name, $"public {Html.Code(p.PublicEndpoint)}, told the peer is at {Html.Code(p.PeerAdvertised)}, "
                + (p.ConnectedTo is { } to ? $"connected to {Html.Code(to)}" : p.GaveUp ? "gave up" : "not connected"));
        return card.Body();
    }
}
