using System.Globalization;
using System.Text;
using NatLearning.Nat;

namespace NatLearning.Tracing;

/// <summary>One NAT table row as it stood at a step, and whether that step touched it.</summary>
public sealed record NatRowAtStep(NatTableEntry Entry, EntryChange Change);

/// <summary>One NAT's table as it stood right after a step.</summary>
public sealed record NatTableAtStep(string Router, string Behavior, IReadOnlyList<NatRowAtStep> Rows);

/// <summary>
/// One step of a trace with the state of every NAT table right after it, computed by replaying the simulation's
/// own mapping events (never guessed by a viewer).
/// </summary>
public sealed record TraceStep(int Index, TraceEvent Event, string Summary, IReadOnlyList<NatTableAtStep> Tables)
{
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Step {Index + 1} — t={Event.Time.TotalSeconds:0.000000}s — {Summary}\n");
        foreach (var t in Tables)
        {
            sb.Append("  ").Append(t.Router).Append(" (").Append(t.Behavior).Append(")");
            if (t.Rows.Count == 0)
            {
                sb.Append(": no mappings\n");
                continue;
            }
            sb.Append('\n');
            foreach (var r in t.Rows)
            {
                var mark = r.Change switch { EntryChange.Created => "+ new    ", EntryChange.Hit => "* used   ", EntryChange.Expired => "- expired", _ => "         " };
                var e = r.Entry;
                sb.Append(CultureInfo.InvariantCulture,
                    $"    {mark} {e.Protocol} {e.InsideLocal} → {e.InsideGlobal}  admits {string.Join(", ", e.Admits)}  expires in {(e.Static ? "never" : $"{(e.Expires - Event.Time).TotalSeconds:0.000}s")}\n");
            }
        }
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
