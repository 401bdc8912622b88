using System.Text;
using NatLearning.Ice;

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
        sb.Append("<h3>Why</h3><pre>").Append(Html.E(s.Explain().ToString())).Append("</pre>");
        return Html.View(sb.ToString());
    }

    internal static string Candidates(IcePeer peer)
    {
        var sb = new StringBuilder($"<h3>{Html.E(peer.Name)}'s candidates</h3><table><thead><tr><th>Time</th><th>Type</th><th>Foundation</th><th>Protocol</th><th>Address</th><th>Port</th><th>Priority</th></tr></thead><tbody>");
        foreach (var r in CandidatesTable.Rows(peer))
            sb.Append($"<tr><td>{Html.Short(r.Time)}</td><td>{Html.E(r.Type)}</td><td>{Html.E(r.Foundation)}</td><td>{Html.E(r.Protocol)}</td><td>{Html.E(r.Address)}</td><td>{r.Port}</td><td>{Html.E(r.Priority)}</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    internal static string Pairs(IceAgent agent)
    {
        var sb = new StringBuilder($"<h3>{Html.E(agent.Name)}'s candidate pairs</h3><table><thead><tr><th></th><th>State</th><th>Local</th><th>Remote</th><th>Priority</th><th>Requests sent</th><th>Responses received</th><th>RTT</th><th>Nominated</th><th>Note</th></tr></thead><tbody>");
        foreach (var r in PairGrid.Rows(agent))
        {
            var cls = r.Selected ? " class=\"nat-created\"" : r.State == "Failed" ? " class=\"dropped\"" : "";
            sb.Append($"<tr{cls}><td>{(r.Selected ? "▶ selected" : "")}</td><td>{Html.E(r.State)}</td><td>{Html.E(r.Local)}</td><td>{Html.E(r.Remote)}</td><td>{Html.E(r.Priority)}</td>")
              .Append($"<td>{r.RequestsSent}</td><td>{r.ResponsesReceived}</td><td>{(r.Rtt is { } t ? $"{t.TotalMilliseconds:0} ms" : "–")}</td><td>{(r.Nominated ? "yes" : "no")}</td><td>{Html.E(r.Selected ? null : r.Note)}</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }
}
