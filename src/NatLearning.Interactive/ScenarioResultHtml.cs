using System.Text;
using NatLearning.Scenarios;

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
        sb.Append("<h3>Packets</h3>").Append(TraceHtml.Table(r.Trace));
        foreach (var (moment, table) in r.Tables)
            sb.Append($"<p><b>{Html.E(moment)}</b></p>").Append(NatTableHtml.Table(table));
        sb.Append("<h3>Sequence diagram</h3>").Append(MermaidHtml.Diagram(SequenceDiagram.Of(r.Trace)));
        return Html.View(sb.ToString());
    }
}
