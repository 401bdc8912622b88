using System.Globalization;
using System.Text;
using NatLearning.Nat;
using NatLearning.Protocols;

namespace NatLearning.Tracing;

/// <summary>One NAT table row as it stood at a step, and whether that step touched it.</summary>
public sealed record NatRowAtStep(NatTableEntry Entry, EntryChange Change);

/// <summary>One NAT's table as it stood right after a step.</summary>
public sealed record NatTableAtStep(string Router, string Behavior, IReadOnlyList<NatRowAtStep> Rows);

/// <summary>A protocol state table as it stood right after a step, with what that step changed in each row.</summary>
public sealed record StateTableAtStep(StateTable Table, IReadOnlyList<EntryChange> Changes);

/// <summary>
/// One step of a trace with the state of every NAT table right after it, computed by replaying the simulation's
/// own mapping events (never guessed by a viewer).
/// </summary>
public sealed record TraceStep(int Index, TraceEvent Event, string Summary, IReadOnlyList<NatTableAtStep> Tables)
{
    /// <summary>
    /// The index of the wire step whose packet this step is about (a drop or a delivery: the last hop of that very
    /// packet; a wire step: itself; a mapping or a note: the latest packet on a wire), or -1 before the first packet.
    /// </summary>
    public int WireStep { get; init; } = -1;

    /// <summary>The protocol machines' state tables as they stood right after this step (STUN transactions, TURN allocations, ICE check lists).</summary>
    public IReadOnlyList<StateTableAtStep> States { get; init; } = [];

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
        foreach (var st in States)
        {
            sb.Append("  ").Append(st.Table.Key).Append(st.Table.Caption is { } c ? $" ({c})" : "").Append('\n');
            sb.Append("    ").Append(string.Join(" | ", st.Table.Columns)).Append('\n');
            foreach (var (row, change) in st.Table.Rows.Zip(st.Changes))
                sb.Append(change switch { EntryChange.Created => "  + ", EntryChange.Changed => "  * ", _ => "    " })
                  .Append(string.Join(" | ", row.Cells)).Append(row.Strong ? "  (bold)" : "").Append('\n');
        }
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
