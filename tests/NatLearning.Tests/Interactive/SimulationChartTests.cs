using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.HolePunching;
using NatLearning.Interactive;
using Plotly.NET;

namespace NatLearning.Tests.Interactive;

/// <summary>The charts the chapters draw carry the simulation's own numbers into the figure, nothing typed in.</summary>
public class SimulationChartTests
{
    private static string Json(GenericChart chart) => GenericChart.toFigureJson(chart);

    [Fact]
    public void Birthday_chart_plots_the_measured_rates_beside_the_closed_form()
    {
        var result = BirthdayExperiment.Run(new BirthdayOptions { OpenPorts = 256, ProbeCounts = [64, 256], Trials = 10 }, seed: 3);
        var json = Json(BirthdayChart.Of(result, points: 4));
        Assert.Contains("measured, 10 trials", json);
        Assert.Contains(result.MeasuredAt(256).ToString(CultureInfo.InvariantCulture), json);
        Assert.Contains(BirthdayResult.ClosedForm(256, 256).ToString("R", CultureInfo.InvariantCulture)[..6], json);
    }

    [Fact]
    public void Outcome_heatmap_has_one_cell_per_nat_pair_and_renders_as_a_chart()
    {
        global::NatLearning.Interactive.Course.Load();
        var choices = new[] { NatChoice.None, NatChoice.Of(NatLearning.Nat.NatBehavior.Symmetric) };
        var grid = HolePunchExperiment.Grid(choices, seed: 2);
        var chart = OutcomeHeatmap.Of(grid);
        var json = Json(chart);
        Assert.Contains("\"type\":\"heatmap\"", json);
        Assert.Contains(choices[1].Name, json);
        Assert.Contains("data-plotly-chart", chart.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void Latency_and_load_charts_refuse_empty_measurements()
    {
        Assert.Throws<ArgumentException>(() => LatencyChart.Of([]));
        Assert.Throws<ArgumentException>(() => ServerLoadChart.Of([]));
        Assert.Contains("\"type\":\"bar\"", Json(LatencyChart.Of([("direct", TimeSpan.FromMilliseconds(22))])));
    }
}
