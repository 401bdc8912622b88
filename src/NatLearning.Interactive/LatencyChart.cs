using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace NatLearning.Interactive;

/// <summary>One-way delays measured on the simulation's virtual clock, one bar per path (direct, via a server, via a relay ...).</summary>
public static class LatencyChart
{
    public static GenericChart Of(IEnumerable<(string Path, TimeSpan OneWay)> measured, string title = "One-way delay, measured in the simulation")
    {
        ArgumentNullException.ThrowIfNull(measured);
        var rows = measured.ToList();
        if (rows.Count == 0) throw new ArgumentException("Measure at least one path.", nameof(measured));
        var ms = rows.Select(r => r.OneWay.TotalMilliseconds).ToArray();
        var chart = Chart.Column<double, string, string>(ms, Keys: rows.Select(r => r.Path).ToArray(), Name: "one-way delay",
            MultiText: ms.Select(m => $"{m:0.#} ms").ToArray());
        return ChartStyle.Styled(chart, title, "path", "milliseconds", 760, 420);
    }
}
