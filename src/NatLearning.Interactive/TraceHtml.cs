using System.Text;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>A trace as a Wireshark-style packet list: one coloured row per packet per hop, drops in red with their reason, each row opening onto its header fields and bytes.</summary>
public static class TraceHtml
{
    public static string Render(Trace trace) => Html.View(Table(trace));

    internal static string Table(Trace trace)
    {
        var rows = PacketList.Rows(trace);
        if (rows.Count == 0) return "<p><i>(no packets)</i></p>";
        var html = new List<string>(rows.Count);
        foreach (var r in rows)
        {
            var css = "proto-" + ProtocolClass(r.Protocol) + (r.Drop is null ? "" : " dropped");
            var sb = new StringBuilder();
            sb.Append($"<tr class=\"{css}\"><td>{r.Number}</td><td>{Html.Seconds(r.Time)}</td><td>{Html.E(r.Source)}</td><td>{Html.E(r.Destination)}</td>")
              .Append($"<td>{Html.E(r.Protocol)}</td><td>{r.Length}</td><td><details><summary>{Html.E(r.Info)}")
              .Append($"<br><span class=\"hop\">{Html.E(r.Hop)}</span>");
            if (r.Translation is not null) sb.Append($"<br><span class=\"nat\">NAT: {Html.E(r.Translation)}</span>");
            if (r.Drop is not null)
                sb.Append($"<br><span class=\"drop\">✗ DROPPED at {Html.E(r.Drop.Node)} [{r.Drop.Reason}]: {Html.E(r.Drop.Detail)}</span>");
            sb.Append("</summary>");
            if (r.Event.Bytes is { } bytes)
                sb.Append(PacketDissection.Fields(bytes)).Append("<pre class=\"hex\">").Append(Html.E(PacketDissection.HexDump(bytes))).Append("</pre>");
            html.Add(sb.Append("</details></td></tr>").ToString());
        }
        // A long capture shows its first packets and a "show all N rows" toggle, so the cell stays within a screen.
        return Fold.Table("<table class=\"packets\"><thead><tr><th>No.</th><th>Time</th><th>Source</th><th>Destination</th><th>Protocol</th><th>Length</th><th>Info</th></tr></thead>", html);
    }

    // Colours follow the protocol column; protocols without a colour of their own share one.
    private static string ProtocolClass(string protocol) => protocol.ToLowerInvariant() switch
    {
        "udp" => "udp",
        "stun" => "stun",
        "turn" => "turn",
        "channeldata" => "channeldata",
        _ => "other",
    };
}
