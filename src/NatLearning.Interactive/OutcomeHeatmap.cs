using System.Globalization;
using System.Net;
using Chart = Plotly.NET.CSharp.Chart;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>
/// Which NAT pairs connect, as a grid coloured by outcome (direct path, through a relay, no path) with the outcome
/// written in every cell, so it reads on a projector and in black and white. Each cell is one simulated run
/// (<see cref="HolePunchExperiment.Grid"/> or <see cref="IceSession.Grid"/>); hovering a cell shows that run's figures.
/// </summary>
public static class OutcomeHeatmap
{
    internal enum Outcome { Fails, Relay, Direct }

    /// <summary>One cell: the run's NATs, its outcome, the words written in the cell and the hover text.</summary>
    internal sealed record Cell(string A, string B, Outcome Outcome, string Label, string Hover);

    // Fill per outcome (the colour scale's stops at 0, 0.5, 1); the label colour is whichever of black or white contrasts more.
    internal static readonly IReadOnlyDictionary<Outcome, string> Fill = new Dictionary<Outcome, string>
    {
        [Outcome.Fails] = "#b71c1c", [Outcome.Relay] = "#ffb300", [Outcome.Direct] = "#1b5e20",
    };

    public static GenericChart Of(IReadOnlyList<HolePunchResult> grid, string title = "Hole punching: Alice's NAT × Bob's NAT") =>
        Build(grid.Select(r => new Cell(r.NatA.ClassicName, r.NatB.ClassicName, r.Success ? Outcome.Direct : Outcome.Fails, r.Success ? "direct" : "fails",
            Lines(Pair(r.NatA.ClassicName, r.NatB.ClassicName),
                r.Success ? $"direct after {Ms(r.ConnectedAfter!.Value)}, {r.ProbesSent} probes" : $"no direct path, {r.ProbesSent} probes",
                r.Explanation.FirstOrDefault()))), title);

    public static GenericChart Of(IReadOnlyList<IceOutcome> grid, string title = "ICE: Alice's NAT × Bob's NAT") =>
        Build(grid.Select(o =>
        {
            var outcome = !o.Succeeded ? Outcome.Fails : o.Selected == CandidateType.Relayed ? Outcome.Relay : Outcome.Direct;
            var words = outcome switch { Outcome.Fails => "fails", Outcome.Relay => "relay", _ => "direct" };
            return new Cell(o.NatA, o.NatB, outcome, o.SelectedEnds is null ? words : $"{words}<br><span style=\"font-size:0.8em\">{Html.E(o.SelectedEnds)}</span>",
                Lines(Pair(o.NatA, o.NatB) + (o.WithRelay ? ", TURN available" : ""),
                    o.Succeeded ? $"selected {o.SelectedEnds} after {Ms(o.TimeToSelection!.Value)}" : $"failed: {o.FailureReason}",
                    $"{o.Packets} STUN datagrams"));
        }), title);

    private static GenericChart Build(IEnumerable<Cell> cells, string title)
    {
        var list = cells.ToList();
        var rows = list.Select(c => c.A).Distinct().ToList();
        var cols = list.Select(c => c.B).Distinct().ToList();
        var grid = rows.Select(a => cols.Select(b => list.First(c => c.A == a && c.B == b)).ToArray()).ToArray();
        var z = grid.Select(r => r.Select(c => (double)c.Outcome / 2).ToArray()).ToArray();
        var chart = Chart.Heatmap<double, string, string, string>(z, X: cols, Y: rows, ShowScale: false,
            ColorScale: StyleParam.Colorscale.NewCustom([.. Fill.OrderBy(f => f.Key).Select(f => Tuple.Create((double)f.Key / 2, Color.fromString(f.Value)))]),
            XGap: 3, YGap: 3, ReverseYAxis: true);
        chart = GenericChart.mapTrace(FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            // Fixed ends, so a grid where every pair connects is still green, not the scale's middle.
            t.SetProperty("zmin", 0.0);
            t.SetProperty("zmax", 1.0);
            t.SetProperty("text", grid.Select(r => r.Select(c => c.Hover).ToArray()).ToArray());
            t.SetProperty("hovertemplate", "%{text}<extra></extra>");
            return t;
        }), chart);
        // Annotations rather than texttemplate: each label gets the colour that contrasts with its own cell.
        var labels = list.Select(c =>
        {
            var a = new Annotation();
            a.SetProperty("x", c.B);
            a.SetProperty("y", c.A);
            a.SetProperty("text", c.Label);
            a.SetProperty("showarrow", false);
            a.SetProperty("font", new { size = 19, weight = "bold", color = LabelColor(Fill[c.Outcome]) });
            return a;
        });
        chart = Plotly.NET.Chart.withAnnotations(labels, Append: true).Invoke(chart);
        // NAT names read from the back of a room, like the book's projector type.
        chart = GenericChart.mapLayout(FuncConvert.FromFunc<Layout, Layout>(l => { l.SetProperty("font", new { size = 15 }); return l; }), chart);
        // The key names only the outcomes this grid has.
        var key = string.Join(", ", list.Select(c => c.Outcome).Distinct().OrderDescending()
            .Select(o => o switch { Outcome.Direct => "green direct", Outcome.Relay => "amber relayed", _ => "red no path" }));
        return ChartStyle.Styled(chart, $"{title} ({key})", "Bob's NAT", "Alice's NAT", 300 + 115 * cols.Count, 200 + 62 * rows.Count);
    }

    /// <summary>Black or white, whichever has the higher WCAG contrast ratio against <paramref name="fill"/>.</summary>
    internal static string LabelColor(string fill) => ContrastRatio(fill, "#000000") >= ContrastRatio(fill, "#ffffff") ? "#000000" : "#ffffff";

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21.</summary>
    internal static double ContrastRatio(string a, string b)
    {
        double L(string hex)
        {
            double C(int i)
            {
                var c = int.Parse(hex.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * C(0) + 0.7152 * C(1) + 0.0722 * C(2);
        }
        var (x, y) = (L(a), L(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }

    private static string Pair(string a, string b) => $"Alice: {a} · Bob: {b}";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    // Plotly hover text is HTML-like: escape the run's words, break lines with <br>, and long sentences at a space.
    private static string Lines(params string?[] lines) =>
        string.Join("<br>", lines.Where(l => l is not null).SelectMany(l => Wrap(l!, 70)).Select(WebUtility.HtmlEncode));

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width) { yield return line; line = ""; }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) yield return line;
    }
}
