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
        // The internet's nodes left to right as the trace's sequence diagrams draw them, so both pictures agree on the sides.
        var names = network.Trace.NamesByFirstAppearance();
        var named = new HashSet<string>(names, StringComparer.Ordinal);
        names.AddRange(network.Nodes.Select(n => n.Name).Where(named.Add));
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);      // looked up, never iterated
        foreach (var name in network.Trace.LeftToRight(names))
            rank.TryAdd(PathFromInternet(network, name) is [var root, ..] ? root : name, rank.Count);
        void Segment(Segment segment)
        {
            var attachments = segment is PublicInternet
                ? segment.Attachments.OrderBy(a => rank.GetValueOrDefault(a.Node.Name, int.MaxValue))
                : segment.Attachments.AsEnumerable();
            foreach (var a in attachments)
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

    /// <summary>
    /// Orders the nodes a diagram draws as the network joins them, left to right: the first sender's host and the NATs in
    /// front of it (innermost first, up to the one on the internet), then the public nodes (servers, public hosts, the
    /// Internet where packets die) in the order given, then each other private network in the order given, from its NAT
    /// on the internet in to its host. Hosts sharing a LAN sit side by side before their router; a LAN's own name (where a
    /// packet died on it) sits next to its router. A name the network does not know counts as public.
    /// </summary>
    /// <param name="nodes">The names to order, in order of first appearance.</param>
    /// <param name="firstSender">
    /// Whose side goes on the left. A public sender leads the public nodes and every private network goes on the right;
    /// null puts the first private network named on the left.
    /// </param>
    public static IReadOnlyList<string> LeftToRight(Network network, IReadOnlyList<string> nodes, string? firstSender = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(nodes);
        var networks = new List<Branch>();       // one per NAT on the internet, in order of first appearance
        var publicNodes = new List<string>();
        // Lookups only (never iterated), so that a population of thousands stays linear. Names are unique, so a branch's name finds it.
        var branches = new Dictionary<string, Branch>(StringComparer.Ordinal);
        var seenPublic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in nodes)
        {
            var path = PathFromInternet(network, name);
            if (path.Count == 0)
            {
                if (seenPublic.Add(name)) publicNodes.Add(name);
                continue;
            }
            var level = networks;
            Branch? branch = null;
            foreach (var step in path)
            {
                if (!branches.TryGetValue(step, out branch))
                {
                    branches[step] = branch = new Branch(step, isLan: !network.TryGetNode(step, out _));
                    level.Add(branch);
                }
                level = branch.Children;
            }
            branch!.Drawn = true;
        }

        var senderPath = firstSender is null ? null : PathFromInternet(network, firstSender);
        var left = senderPath switch
        {
            null => networks.FirstOrDefault(),
            [] => null,
            [var root, ..] => branches.GetValueOrDefault(root) ?? networks.FirstOrDefault(),
        };
        if (senderPath is [] && publicNodes.Remove(firstSender!)) publicNodes.Insert(0, firstSender!);

        // Listed from the host out to the internet: the left side as drawn, the right side reversed. The sender's own LAN
        // goes outermost, a LAN's name innermost (next to its router).
        void TowardInternet(Branch b, List<string> into)
        {
            foreach (var c in b.Children.OrderBy(c => senderPath?.Contains(c.Name) == true ? 0 : 1).ThenBy(c => c.IsLan ? 1 : 0))
                TowardInternet(c, into);
            if (b.Drawn) into.Add(b.Name);
        }
        var order = new List<string>();
        if (left is not null) TowardInternet(left, order);
        order.AddRange(publicNodes);
        foreach (var b in networks.Where(b => b != left))
        {
            var side = new List<string>();
            TowardInternet(b, side);
            side.Reverse();
            order.AddRange(side);
        }
        return order;
    }

    private sealed class Branch(string name, bool isLan)
    {
        public string Name { get; } = name;
        public bool IsLan { get; } = isLan;
        public List<Branch> Children { get; } = [];
        public bool Drawn { get; set; }
    }

    // The routers a node sits behind, outermost first, then the node; empty for a host on the internet or an unknown name.
    // A LAN's name counts as a node inside its router.
    private static List<string> PathFromInternet(Network network, string name)
    {
        var path = new List<string>();
        Segment outside;
        if (network.TryGetNode(name, out var node))
        {
            outside = node switch { NatRouter r => r.Outside.Segment, Host h => h.Segment, _ => network.Internet };
            if (outside is PublicInternet && node is not NatRouter) return path;
            path.Add(name);
        }
        else if (network.Nats.FirstOrDefault(n => n.Inside.Name == name) is { } owner)
        {
            path.Add(name);
            outside = owner.Inside;
        }
        else return path;
        while (outside is Lan lan)
        {
            var router = (NatRouter)lan.Gateway.Node;
            path.Add(router.Name);
            outside = router.Outside.Segment;
        }
        path.Reverse();
        return path;
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
