using System.Globalization;
using System.Text;
using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>
/// An agent's candidate pairs in the style of chrome://webrtc-internals: state, priority in hex, requests sent and
/// responses received, RTT, nominated, and the selected pair marked.
/// </summary>
public static class PairGrid
{
    public sealed record Row(bool Selected, string State, string Local, string Remote, string Priority, int RequestsSent, int ResponsesReceived, int RequestsReceived, TimeSpan? Rtt, bool Nominated, string? Note);

    /// <summary>The check list's pairs, then valid pairs that were not in it (their local end is reflexive).</summary>
    public static IReadOnlyList<Row> Rows(IceAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var pairs = agent.CheckList.Pairs.Concat(agent.ValidList.Pairs.Where(v => !agent.CheckList.Pairs.Contains(v))).ToList();
        return [.. pairs.Select(p => new Row(
            p == agent.SelectedPair, p.State.ToString(),
            $"{p.Local.Type.SdpName()} {p.Local.Address}", $"{p.Remote.Type.SdpName()} {p.Remote.Address}",
            $"0x{p.Priority:x16}", p.RequestsSent, p.ResponsesReceived, p.RequestsReceived, p.Rtt, p.Nominated,
            agent.CheckList.Pairs.Contains(p) ? p.FailureReason : "valid pair (learned from a check's XOR-MAPPED-ADDRESS)"))];
    }

    public static string ToText(IceAgent agent)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"  {"state",-10} {"local",-28} {"remote",-28} {"priority",-18} {"req/resp",-8} {"RTT",-7} nominated\n");
        foreach (var r in Rows(agent))
        {
            var rtt = r.Rtt is { } t ? $"{t.TotalMilliseconds:0}ms" : "-";
            sb.Append(CultureInfo.InvariantCulture,
                $"{(r.Selected ? "▶ " : "  ")}{r.State,-10} {r.Local,-28} {r.Remote,-28} {r.Priority,-18} {r.RequestsSent + "/" + r.ResponsesReceived,-8} {rtt,-7} {(r.Nominated ? "yes" : "no")}");
            if (r.Note is not null && !r.Selected) sb.Append("  (").Append(r.Note).Append(')');
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
