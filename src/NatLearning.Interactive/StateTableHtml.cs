using System.Text;
using NatLearning.Protocols;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>A protocol machine's state as it reported it (TURN allocations, an ICE check list, a STUN transaction): a table, bold rows first in the reader's eye.</summary>
public static class StateTableHtml
{
    public static string Render(StateTable t) => Html.View(Table(t));

    internal static string Table(StateTable t)
    {
        var sb = new StringBuilder($"<h3>{Html.E(t.Owner)} · {Html.E(t.Title)}</h3>");
        if (t.Rows.Count == 0) return sb.Append("<p><i>(empty)</i></p>").ToString();
        sb.Append("<div style=\"overflow-x:auto\"><table><thead><tr>");
        foreach (var c in t.Columns) sb.Append("<th>").Append(Html.E(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in t.Rows)
        {
            sb.Append(r.Strong ? "<tr style=\"font-weight:700\">" : "<tr>");
            foreach (var cell in r.Cells) sb.Append("<td>").Append(Html.E(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
        if (t.Caption is { Length: > 0 } caption) sb.Append("<p class=\"hop\">").Append(Html.E(caption)).Append("</p>");
        return sb.ToString();
    }

    /// <summary>The same as text: one line per row, columns separated by " | ".</summary>
    public static string Text(StateTable t) =>
        $"{t.Owner} · {t.Title}\n{string.Join(" | ", t.Columns)}\n" + string.Join("\n", t.Rows.Select(r => (r.Strong ? "* " : "  ") + string.Join(" | ", r.Cells)));
}
