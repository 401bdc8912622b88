using System.Text;

namespace NatLearning.Simulation;

/// <summary>What is connected to what: the internet, each NAT with its LAN, the hosts and their addresses and links.</summary>
public static class Topology
{
    /// <summary>An indented tree, one line per node.</summary>
    public static string ToText(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var sb = new StringBuilder("Internet\n");
        Walk(network.Internet, 1, (depth, a) =>
        {
            sb.Append(new string(' ', depth * 2)).Append("├─ ").Append(Describe(a)).Append('\n');
        });
        return sb.ToString();
    }

    /// <summary>A Mermaid <c>flowchart</c>: segments as boxes, NATs as the hexagons joining them.</summary>
    public static string ToMermaid(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var ids = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        string Id(object o) => ids.TryGetValue(o, out var id) ? id : ids[o] = "N" + ids.Count;
        var sb = new StringBuilder("flowchart TB\n");
        sb.Append("    ").Append(Id(network.Internet)).Append("((\"Internet\"))\n");
        void Segment(Segment segment)
        {
            foreach (var a in segment.Attachments)
            {
                if (segment is Lan lan && a == lan.Gateway) continue;
                var label = Tracing.MermaidSequence.Escape(Describe(a));
                if (a.Node is NatRouter nat)
                {
                    sb.Append("    ").Append(Id(nat)).Append("{{\"").Append(label).Append("\"}}\n");
                    sb.Append("    ").Append(Id(segment)).Append(" --- ").Append(Id(nat)).Append('\n');
                    sb.Append("    ").Append(Id(nat.Inside)).Append("[\"").Append(Tracing.MermaidSequence.Escape($"{nat.Inside.Name} {nat.Inside.Prefix}")).Append("\"]\n");
                    sb.Append("    ").Append(Id(nat)).Append(" --- ").Append(Id(nat.Inside)).Append('\n');
                    Segment(nat.Inside);
                }
                else
                {
                    sb.Append("    ").Append(Id(a.Node)).Append("[\"").Append(label).Append("\"]\n");
                    sb.Append("    ").Append(Id(segment)).Append(" --- ").Append(Id(a.Node)).Append('\n');
                }
            }
        }
        Segment(network.Internet);
        return sb.ToString();
    }

    internal static string Describe(Attachment a)
    {
        var link = $"{a.Link.Latency.TotalMilliseconds:0.###} ms{(a.Link.Loss > 0 ? $", {a.Link.Loss:P0} loss" : "")}";
        return a.Node switch
        {
            NatRouter nat => $"{nat.Name}: {string.Join(", ", nat.PublicAddresses)} ({nat.Behavior.ClassicName}, {nat.Behavior.ShortName}) → LAN {nat.Inside.Prefix}; link {link}",
            Host h => $"{h.Name}: {h.Address}; link {link}",
            _ => $"{a.Node.Name}: {a.Address}",
        };
    }

    private static void Walk(Segment segment, int depth, Action<int, Attachment> visit)
    {
        foreach (var a in segment.Attachments)
        {
            if (segment is Lan lan && a == lan.Gateway) continue;
            visit(depth, a);
            if (a.Node is NatRouter nat) Walk(nat.Inside, depth + 1, visit);
        }
    }
}
