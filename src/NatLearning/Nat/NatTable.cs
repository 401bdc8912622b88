using System.Globalization;
using System.Text;

namespace NatLearning.Nat;

/// <summary>
/// A NAT's translation table as it stands at one virtual instant. Read it any time from
/// <see cref="Simulation.NatRouter.Table"/>; each read is a fresh snapshot.
/// </summary>
public sealed class NatTable
{
    public NatTable(string router, NatBehavior behavior, TimeSpan time, IReadOnlyList<NatTableEntry> entries)
    {
        Router = router;
        Behavior = behavior;
        Time = time;
        Entries = entries;
    }

    public string Router { get; }
    public NatBehavior Behavior { get; }
    /// <summary>
    /// The NAT the table was read from, compared by reference only: it tells apart two routers with the same name in one
    /// process (two runs of a scenario), so a view can compare a table with the same router's earlier one. Null when the
    /// table was not read from a router.
    /// </summary>
    public object? Owner { get; init; }
    /// <summary>The virtual time of the snapshot.</summary>
    public TimeSpan Time { get; }
    public IReadOnlyList<NatTableEntry> Entries { get; }
    public int Count => Entries.Count;

    /// <summary>A text table with the columns of <c>show ip nat translations</c> plus timers.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"NAT table of {Router} — {Behavior.ClassicName} ({Behavior.ShortName}) at t={Time.TotalSeconds:0.000}s\n");
        if (Entries.Count == 0)
        {
            sb.Append("  (no mappings)\n");
            return sb.ToString();
        }
        var rows = new List<string[]> { new[] { "Pro", "Inside local", "Inside global", "Outside (admitted)", "Created", "Last used", "Expires in" } };
        foreach (var e in Entries)
        {
            rows.Add(
            [
                e.Protocol, e.InsideLocal.ToString(), e.InsideGlobal.ToString(), string.Join(", ", e.Admits),
                Seconds(e.Created), Seconds(e.LastUsed), e.Static ? "never" : Seconds(e.Expires - Time),
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var r in rows)
        {
            sb.Append("  ");
            for (var c = 0; c < r.Length; c++) sb.Append(r[c].PadRight(widths[c] + 2));
            while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public override string ToString() => ToText();

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s";
}
