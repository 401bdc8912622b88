using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.Interactive;
using NatLearning.Scenarios;

namespace NatLearning.Tests.Interactive;

public partial class FormatterTests
{
    [Fact]
    public void Packet_list_has_one_row_per_hop_and_marks_drops_with_their_reason()
    {
        var r = ScenarioCatalog.Get("nat-rule").Run();
        var html = TraceHtml.Render(r.Trace);
        Assert.Equal(r.Trace.WirePackets.Count(), RowCount().Matches(html).Count);
        Assert.Equal(2, DroppedRow().Matches(html).Count);
        Assert.Contains("DROPPED at Alice&#39;s router [NoMapping]", html);
        Assert.Contains("192.168.1.10:5000", html);
        // Expanded rows: header fields by name and a hex dump starting with the IPv4 version byte.
        Assert.Contains("Header checksum", html);
        Assert.Contains("[correct]", html);
        Assert.Contains("0000  45 00", html);
    }

    [Fact]
    public void Nat_table_shows_the_cisco_columns_behaviour_and_timers()
    {
        var r = ScenarioCatalog.Get("nat-table").Run();
        var (_, table) = r.Tables[0];
        var html = NatTableHtml.Render(table);
        foreach (var column in new[] { "Inside local", "Inside global", "Outside (admitted)", "Mapping", "Filtering", "Created", "Last used", "Expires in" })
            Assert.Contains($"<th>{column}</th>", html);
        var e = table.Entries.Single();
        Assert.Contains($"<td>{e.InsideLocal}</td><td>{e.InsideGlobal}</td>", html);
        Assert.Contains("port-restricted cone", html);
        Assert.Contains("<td>endpoint-independent</td><td>address-and-port-dependent</td>", html);
    }

    [Fact]
    public void Two_diagrams_get_distinct_ids_and_each_draws_only_its_own_node()
    {
        var trace = ScenarioCatalog.Get("direct").Run().Trace;
        var a = MermaidHtml.Render(trace.ToDiagram());
        var b = MermaidHtml.Render(trace.ToDiagram());
        var idA = DiagramId().Match(a).Groups[1].Value;
        var idB = DiagramId().Match(b).Groups[1].Value;
        Assert.NotEqual(idA, idB);
        Assert.Contains($"#{idA} pre.mermaid", a);
        Assert.Contains("<pre class=\"mermaid\">---\nconfig:", a);   // Mermaid's settings for a readable size, then the diagram
        Assert.Contains("\nsequenceDiagram\n", a);
        Assert.Contains("mermaid-source", a);
        Assert.Contains(MermaidHtml.NotebookOnlyAttribute, a);
    }

    [Fact]
    public void Course_Load_makes_html_the_preferred_view_and_keeps_text_readable()
    {
        global::NatLearning.Interactive.Course.Load();
        var r = ScenarioCatalog.Get("nat-table").Run();
        var html = r.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<h3>Packets</h3>", html);
        Assert.Contains("<pre class=\"mermaid\">", html);
        Assert.Contains("NAT table of Alice&#39;s router", html);
        Assert.Equal(r.Trace.ToPacketList(), r.Trace.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal(HtmlFormatter.MimeType, Formatter.GetPreferredMimeTypesFor(typeof(ScenarioResult)).First());
    }

    [GeneratedRegex("<tr class=\"proto-")]
    private static partial Regex RowCount();

    [GeneratedRegex("<tr class=\"proto-[a-z]+ dropped\"")]
    private static partial Regex DroppedRow();

    [GeneratedRegex("id=\"(nl-mermaid-[^\"]+)\"")]
    private static partial Regex DiagramId();
}
