using System.Text;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>A scenario's whole story on one screen: what happened in words, the packets, the NAT tables at each moment, and the sequence diagram.</summary>
public static class ScenarioResultHtml
{
    public static string Render(ScenarioResult r)
    {
        var sb = new StringBuilder();
        sb.Append($"<h3>{Html.E(r.Scenario.Title)} <span class=\"badge\">scenario {Html.E(r.Scenario.Name)}</span><span class=\"badge\">seed {r.Network.Seed}</span></h3>");
        if (r.Story.Count > 0)
        {
            sb.Append("<ul class=\"story\">");
            foreach (var s in r.Story) sb.Append("<li>").Append(Html.E(s)).Append("</li>");
            sb.Append("</ul>");
        }
        var top = sb.ToString();
        sb.Clear().Append("<h3>Packets</h3>").Append(TraceHtml.Table(r.Trace));
        foreach (var (moment, table) in r.Tables)
            sb.Append($"<p><b>{Html.E(moment)}</b></p>").Append(NatTableHtml.Table(table));
        var diagram = SequenceDiagram.Of(r.Trace);
        sb.Append("<h3>Sequence diagram</h3>").Append(MermaidHtml.Diagram(diagram));
        // The story stays on top; packets, tables and diagram together often run past a screen, so they clip behind "show all".
        var story = Fold.EstimateHeight(r.Story, 0, [], 0);
        var tall = story + Fold.EstimateHeight(r.Tables.Select(t => t.Moment), PacketList.Rows(r.Trace).Count, r.Tables.Select(t => t.Table.Count), Arrows(diagram.Source)) > 1000;
        // The clip leaves room for the story above it, so the whole output stays under about 950 px.
        return Html.View(top + (tall ? Fold.Clip(sb.ToString(), "packets, tables and diagram", Math.Max(420, 880 - story)) : sb.ToString()));
    }

    private static int Arrows(string mermaid) => mermaid.Split('\n').Count(l => l.Contains("->>", StringComparison.Ordinal) || l.Contains("-x", StringComparison.Ordinal) || l.Contains("-)", StringComparison.Ordinal));
}
