using System.Text;
using NatLearning.Turn;

namespace NatLearning.Interactive;

/// <summary>A TURN allocation: whose it is, its relayed address, its permissions and channels, and what it relayed.</summary>
public static class TurnAllocationHtml
{
    public static string Render(Allocation a)
    {
        var sb = new StringBuilder($"<h3>TURN allocation <span class=\"badge\">{a.Relayed}</span></h3>");
        sb.Append("<table><tbody>")
          .Append($"<tr><td>client (as the server sees it)</td><td>{a.Client}</td></tr>")
          .Append($"<tr><td>server</td><td>{a.Server}</td></tr>")
          .Append($"<tr><td>relayed transport address</td><td>{a.Relayed}</td></tr>")
          .Append($"<tr><td>user</td><td>{Html.E(a.Username)}</td></tr>")
          .Append($"<tr><td>created / expires</td><td>{Html.Short(a.Created)} / {Html.Short(a.Expires)}</td></tr>")
          .Append($"<tr><td>relayed to peers</td><td>{a.Traffic.PacketsToPeers} packets, {a.Traffic.BytesToPeers} bytes</td></tr>")
          .Append($"<tr><td>relayed to the client</td><td>{a.Traffic.PacketsToClients} packets, {a.Traffic.BytesToClients} bytes</td></tr>")
          .Append("</tbody></table>");
        sb.Append("<table><thead><tr><th>Permission for</th><th>Expires</th></tr></thead><tbody>");
        foreach (var p in a.Permissions) sb.Append($"<tr><td>{p.Peer}</td><td>{Html.Short(p.Expires)}</td></tr>");
        if (a.Permissions.Count == 0) sb.Append("<tr><td colspan=\"2\"><i>none: every peer's data is dropped</i></td></tr>");
        sb.Append("</tbody></table><table><thead><tr><th>Channel</th><th>Peer</th><th>Expires</th></tr></thead><tbody>");
        foreach (var c in a.Channels) sb.Append($"<tr><td>0x{c.Number:X4}</td><td>{c.Peer}</td><td>{Html.Short(c.Expires)}</td></tr>");
        if (a.Channels.Count == 0) sb.Append("<tr><td colspan=\"3\"><i>none bound</i></td></tr>");
        return Html.View(sb.Append("</tbody></table>").ToString());
    }
}
