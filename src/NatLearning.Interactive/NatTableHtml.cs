using System.Text;
using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>A NAT table with the columns of <c>show ip nat translations</c>, the RFC 4787 behaviour, and each mapping's timers.</summary>
public static class NatTableHtml
{
    public static string Render(NatTable table) => Html.View(Table(table));

    // A snapshot is compared with the router's previous one once: formatted again, it must show the same changes.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NatTable, System.Runtime.CompilerServices.StrongBox<(IReadOnlyList<(NatTableEntry Entry, NatRowChange Change)> Rows, IReadOnlyList<NatTableEntry> Gone)>> Compared = new();

    // Each kernel loads its own copy of this assembly (a #r loads into the kernel's own load context), while the
    // formatter registry is one per process: with notebooks running at the same time (natlearn book --jobs), a
    // notebook's tables may be formatted by another kernel's copy. So every copy compares through the first copy's
    // memory of what was shown (routers are told apart by instance, unique in the process), never its own.
    private const string SharedCompareKey = "NatLearning.Interactive.NatTableChanges.Compare";

    private static (IReadOnlyList<(NatTableEntry Entry, NatRowChange Change)> Rows, IReadOnlyList<NatTableEntry> Gone) CompareShared(NatTable t)
    {
        Func<NatTable, ((NatTableEntry, int)[], NatTableEntry[])> mine = table =>
        {
            var (rows, gone) = NatTableChanges.Compare(table);
            return ([.. rows.Select(r => (r.Entry, (int)r.Change))], [.. gone]);
        };
        Func<NatTable, ((NatTableEntry, int)[], NatTableEntry[])> shared;
        lock (typeof(NatTable))   // one lock for every copy: the core assembly is shared
        {
            shared = AppDomain.CurrentDomain.GetData(SharedCompareKey) as Func<NatTable, ((NatTableEntry, int)[], NatTableEntry[])> ?? mine;
            AppDomain.CurrentDomain.SetData(SharedCompareKey, shared);
        }
        var (sharedRows, sharedGone) = shared(t);
        return ([.. sharedRows.Select(r => (r.Item1, (NatRowChange)r.Item2))], sharedGone);
    }

    internal static string Table(NatTable t)
    {
        var sb = new StringBuilder();
        sb.Append($"<h3>NAT table of {Html.E(t.Router)} <span class=\"badge\">{Html.E(t.Behavior.ClassicName)}</span><span class=\"badge\">{Html.E(t.Behavior.ShortName)}</span> at t = {Html.Short(t.Time)}</h3>");
        var (rows, gone) = Compared.GetValue(t, table => new(CompareShared(table))).Value;
        if (t.Count == 0 && gone.Count == 0) return sb.Append("<p><i>(no mappings)</i></p>").ToString();
        var html = new List<string>();
        foreach (var (e, change) in rows)
        {
            var left = e.RemainingAt(t.Time);
            var expires = e.Static ? "never" : left <= TimeSpan.Zero ? "expired" : Html.Short(left);
            html.Add(Row(e, change, expires));
        }
        foreach (var e in gone) html.Add(Row(e, NatRowChange.Expired, "gone"));
        return sb.Append(Fold.Table("<table class=\"nat-table\"><thead><tr><th>Pro</th><th>Inside local</th><th>Inside global</th><th>Outside (admitted)</th><th>Mapping</th><th>Filtering</th><th>Created</th><th>Last used</th><th>Expires in</th><th>Since last shown</th></tr></thead>", html)).ToString();
    }

    private static string Row(NatTableEntry e, NatRowChange change, string expires)
    {
        var sb = new StringBuilder();
        var (css, label) = change switch
        {
            NatRowChange.Created => (" class=\"nat-created\"", "new mapping"),
            NatRowChange.Hit => (" class=\"nat-hit\"", "used again"),
            NatRowChange.Expired => (" class=\"nat-expired\"", "expired, removed"),
            _ => ("", ""),
        };
        sb.Append($"<tr{css}><td>{Html.E(e.Protocol)}</td><td>{e.InsideLocal}</td><td>{e.InsideGlobal}</td><td>{Html.E(string.Join(", ", e.Admits))}</td>")
          .Append($"<td>{NatBehavior.Describe(e.Mapping)}</td><td>{NatBehavior.Describe(e.Filtering)}</td>")
          .Append($"<td>{Html.Short(e.Created)}</td><td>{Html.Short(e.LastUsed)}</td><td>{expires}</td><td>{label}</td></tr>");
        return sb.ToString();
    }
}
