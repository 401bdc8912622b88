using System.Text;
using NatLearning.Ice;

namespace NatLearning.Interactive;

/// <summary>
/// Candidate lines pasted from a browser, as the Trickle ICE page shows them: one row a candidate, what it means under
/// it (in the row's colour: host, srflx, prflx, relay), and the lines that did not parse, with why.
/// </summary>
public static class CandidateLinesHtml
{
    public static string Render(CandidateLines lines) => Html.View(Table(lines));

    internal static string Table(CandidateLines lines)
    {
        var sb = new StringBuilder();
        if (lines.Candidates.Count == 0) sb.Append("<p><i>No candidate line (a line containing <code>candidate:</code>) was found.</i></p>");
        else
        {
            sb.Append("<div style=\"overflow-x:auto\"><table><thead><tr>");
            foreach (var c in CandidateLines.Columns) sb.Append("<th>").Append(Html.E(c)).Append("</th>");
            sb.Append("</tr></thead><tbody>");
            var i = 0;
            foreach (var row in lines.Rows())
            {
                sb.Append("<tr>");
                foreach (var cell in row) sb.Append("<td>").Append(Html.E(cell)).Append("</td>");
                sb.Append("</tr><tr><td></td><td colspan=\"").Append(CandidateLines.Columns.Count - 1).Append("\" class=\"hop\">→ ")
                  .Append(Html.E(lines.Candidates[i++].Meaning())).Append("</td></tr>");
            }
            sb.Append("</tbody></table></div>");
        }
        foreach (var e in lines.Errors) sb.Append("<p class=\"hop\">✘ not read: ").Append(Html.E(e)).Append("</p>");
        return sb.ToString();
    }
}
