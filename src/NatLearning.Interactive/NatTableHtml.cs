using System.Text;
using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>A NAT table with the columns of <c>show ip nat translations</c>, the RFC 4787 behaviour, and each mapping's timers.</summary>
public static class NatTableHtml
{
    public static string Render(NatTable table) => Html.View(Table(table));

    internal static string Table(NatTable t)
    {
        var sb = new StringBuilder();
        sb.Append($"<h3>NAT table of {Html.E(t.Router)} <span class=\"badge\">{Html.E(t.Behavior.ClassicName)}</span><span class=\"badge\">{Html.E(t.Behavior.ShortName)}</span> at t = {Html.Short(t.Time)}</h3>");
        var (rows, gone) = NatTableChanges.Compare(t);
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
