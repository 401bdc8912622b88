using System.Text;
using NatLearning.Simulation;

namespace NatLearning.Interactive;

/// <summary>A network's topology: a Mermaid flowchart (internet, NATs, LANs, hosts) and a table of every attachment.</summary>
public static class TopologyHtml
{
    public static string Render(Network network)
    {
        var sb = new StringBuilder("<h3>Topology</h3>");
        sb.Append(MermaidHtml.Block(Topology.ToMermaid(network)));
        sb.Append("<table><thead><tr><th>Node</th><th>Kind</th><th>Address</th><th>On</th><th>Link (one way)</th><th>Behaviour</th></tr></thead><tbody>");
        foreach (var node in network.Nodes)
        {
            var (a, kind, behaviour) = node switch
            {
                NatRouter n => (n.Outside, n.Behavior.Translates ? "NAT" : "firewall", $"{n.Behavior.ClassicName} ({n.Behavior.ShortName}), LAN {n.Inside.Prefix}"),
                Host h => (h.Attachment, "host", ""),
                _ => (null, node.GetType().Name, ""),
            };
            if (a is null) continue;
            var address = node is NatRouter nr ? string.Join(", ", nr.PublicAddresses) : a.Address.ToString();
            sb.Append($"<tr><td>{Html.E(node.Name)}</td><td>{kind}</td><td>{address}</td><td>{Html.E(a.Segment.Name)}</td>")
              .Append($"<td>{a.Link.Latency.TotalMilliseconds:0.###} ms{(a.Link.Loss > 0 ? $", {a.Link.Loss:P0} loss" : "")}</td><td>{Html.E(behaviour)}</td></tr>");
        }
        return Html.View(sb.Append("</tbody></table>").ToString());
    }
}
