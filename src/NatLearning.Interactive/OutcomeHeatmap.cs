using NatLearning.HolePunching;
using NatLearning.Ice;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace NatLearning.Interactive;

/// <summary>
/// Which NAT pairs connect, as a grid coloured by outcome: 1 = direct path, 0.5 = through a relay, 0 = no path.
/// Each cell is one simulated run (<see cref="HolePunchExperiment.Grid"/> or <see cref="IceSession.Grid"/>); print the results beside it for the detail.
/// </summary>
public static class OutcomeHeatmap
{
    public static GenericChart Of(IReadOnlyList<HolePunchResult> grid, string title = "Hole punching: Alice's NAT × Bob's NAT") =>
        Build(grid.Select(r => (r.NatA.Name, r.NatB.Name, r.Success ? 1.0 : 0.0)), title);

    public static GenericChart Of(IReadOnlyList<IceOutcome> grid, string title = "ICE: Alice's NAT × Bob's NAT") =>
        Build(grid.Select(o => (o.NatA, o.NatB, !o.Succeeded ? 0.0 : o.Result == "relay" ? 0.5 : 1.0)), title);

    private static GenericChart Build(IEnumerable<(string A, string B, double Score)> cells, string title)
    {
        var list = cells.ToList();
        var rows = list.Select(c => c.A).Distinct().ToList();
        var cols = list.Select(c => c.B).Distinct().ToList();
        var z = rows.Select(a => cols.Select(b => list.First(c => c.A == a && c.B == b).Score).ToArray()).ToArray();
        var chart = Chart.Heatmap<double, string, string, string>(z, X: cols, Y: rows, ShowScale: false,
            ColorScale: StyleParam.Colorscale.NewCustom([Tuple.Create(0.0, Color.fromString("#d9534f")), Tuple.Create(0.5, Color.fromString("#f0ad4e")), Tuple.Create(1.0, Color.fromString("#5cb85c"))]),
            XGap: 2, YGap: 2, ReverseYAxis: true);
        return ChartStyle.Styled(chart, title + " (green direct, amber relayed, red no path)", "Bob's NAT", "Alice's NAT", 900, 520);
    }
}
