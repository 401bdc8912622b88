using System.Text;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>
/// ICE as the browser tools show it: a peer's candidates with the Trickle ICE page's columns, an agent's pairs in the
/// style of chrome://webrtc-internals, and a whole session with the reasons why the selected pair won.
/// </summary>
public static class IceHtml
{
    public static string RenderPeer(IcePeer peer) => Html.View(Candidates(peer));

    public static string RenderAgent(IceAgent agent) => Html.View(Pairs(agent));

    public static string RenderSession(IceSession s)
    {
        var sb = new StringBuilder($"<h3>ICE: Alice behind {Html.E(s.NatA.ToString())}, Bob behind {Html.E(s.NatB.ToString())}{(s.WithTurn ? ", TURN available" : "")}</h3>");
        sb.Append($"<p><b>{Html.E(s.Outcome.ToString())}</b></p>");
        sb.Append(Candidates(s.Alice)).Append(Candidates(s.Bob)).Append(Pairs(s.Alice.Agent)).Append(Pairs(s.Bob.Agent));
        sb.Append("<h3>Why</h3>").Append(IceExplanationHtml.Body(s.Explain()));
        // Four tables and the pair fates run past a screen: clip behind "show all", the outcome above stays in view.
        return Html.View(Fold.Clip(sb.ToString(), "of this session"));
    }

    internal static string Candidates(IcePeer peer)
    {
        var rows = CandidatesTable.Rows(peer).Select(r =>
            $"<tr><td>{Html.Short(r.Time)}</td><td>{Html.E(r.Type)}</td><td>{Html.E(r.Foundation)}</td><td>{Html.E(r.Protocol)}</td><td>{Html.E(r.Address)}</td><td>{r.Port}</td><td>{Html.E(r.Priority)}</td></tr>").ToList();
        return $"<h3>{Html.E(peer.Name)}'s candidates</h3>" + Fold.Table("<table><thead><tr><th>Time</th><th>Type</th><th>Foundation</th><th>Protocol</th><th>Address</th><th>Port</th><th>Priority</th></tr></thead>", rows);
    }

    internal static string Pairs(IceAgent agent)
    {
        var rows = new List<string>();
        foreach (var r in PairGrid.Rows(agent))
        {
            var cls = r.Selected ? " class=\"nat-created\"" : r.State == "Failed" ? " class=\"dropped\"" : "";
            rows.Add($"<tr{cls}><td>{(r.Selected ? "▶ selected" : "")}</td><td>{Html.E(r.State)}</td><td>{Html.E(r.Local)}</td><td>{Html.E(r.Remote)}</td><td>{Html.E(r.Priority)}</td>"
                + $"<td>{r.RequestsSent}</td><td>{r.ResponsesReceived}</td><td>{(r.Rtt is { } t ? $"{t.TotalMilliseconds:0} ms" : "–")}</td><td>{(r.Nominated ? "yes" : "no")}</td><td class=\"wrap\">{Html.E(r.Selected ? null : r.Note)}</td></tr>");
        }
        return $"<h3>{Html.E(agent.Name)}'s candidate pairs</h3>" + Fold.Table("<table><thead><tr><th></th><th>State</th><th>Local</th><th>Remote</th><th>Priority</th><th>Requests sent</th><th>Responses received</th><th>RTT</th><th>Nominated</th><th>Note</th></tr></thead>", rows);
    }
}
