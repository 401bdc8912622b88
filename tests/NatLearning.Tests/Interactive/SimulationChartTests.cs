using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Interactive;
using NatLearning.Lab;

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
        var choices = new[] { PeerNat.None, PeerNat.Of(NatLearning.Nat.NatBehavior.Symmetric) };
        var grid = HolePunchExperiment.Grid(choices, seed: 2);
        var chart = OutcomeHeatmap.Of(grid);
        var json = Json(chart);
        Assert.Contains("\"type\":\"heatmap\"", json);
        Assert.Contains(choices[1].ClassicName, json);
        Assert.Contains("data-plotly-chart", chart.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void Outcome_heatmap_writes_each_runs_outcome_in_its_cell_with_a_readable_colour()
    {
        var nats = new[] { PeerNat.None, PeerNat.Parse("symmetric") };
        var grid = IceSession.Grid(nats, turn: true).ToList();
        var labels = Labels(OutcomeHeatmap.Of(grid));
        Assert.Equal(grid.Count, labels.Count);
        foreach (var o in grid)
        {
            var (text, colour, fill, hover) = labels[(o.NatA, o.NatB)];
            Assert.StartsWith(o.Selected == CandidateType.Relayed ? "relay" : "direct", text);
            Assert.Contains(o.SelectedEnds!, text);
            Assert.Contains(o.Packets.ToString(CultureInfo.InvariantCulture) + " STUN datagrams", hover);
            Assert.True(OutcomeHeatmap.ContrastRatio(colour, fill) >= 4.5, $"{text}: {colour} on {fill}");
        }
        Assert.Contains(labels.Values, l => l.Text.StartsWith("relay", StringComparison.Ordinal));    // symmetric × symmetric needs TURN

        // One run failing instead: its cell, and only its cell, says so, in red.
        var failed = grid[1] with { Selected = null, SelectedEnds = null, TimeToSelection = null, FailureReason = "every pair failed" };
        var changed = Labels(OutcomeHeatmap.Of([grid[0], failed, .. grid.Skip(2)]));
        Assert.Equal("fails", changed[(failed.NatA, failed.NatB)].Text);
        Assert.Equal(OutcomeHeatmap.Fill[OutcomeHeatmap.Outcome.Fails], changed[(failed.NatA, failed.NatB)].Fill);
        Assert.Contains("every pair failed", changed[(failed.NatA, failed.NatB)].Hover);
        Assert.True(OutcomeHeatmap.ContrastRatio(changed[(failed.NatA, failed.NatB)].Colour, OutcomeHeatmap.Fill[OutcomeHeatmap.Outcome.Fails]) >= 4.5);
        Assert.Equal(labels[(grid[0].NatA, grid[0].NatB)], changed[(grid[0].NatA, grid[0].NatB)]);
    }

    [Fact]
    public void Hole_punching_heatmap_says_direct_or_fails_as_the_runs_did()
    {
        var choices = new[] { PeerNat.None, PeerNat.Of(NatLearning.Nat.NatBehavior.Symmetric) };
        var grid = HolePunchExperiment.Grid(choices, seed: 2);
        var labels = Labels(OutcomeHeatmap.Of(grid));
        foreach (var r in grid)
        {
            var cell = labels[(r.NatA.ClassicName, r.NatB.ClassicName)];
            Assert.Equal(r.Success ? "direct" : "fails", cell.Text);
            Assert.Contains($"{r.ProbesSent} probes", cell.Hover);
        }
        Assert.Contains(labels.Values, l => l.Text == "direct");
        Assert.Contains(labels.Values, l => l.Text == "fails");
    }

    // Each annotation by its cell (Alice's NAT, Bob's NAT): the text, its colour, the fill of the cell under it (from the trace's
    // z and colour scale, as plotly.js would pick it) and the cell's hover text.
    private static Dictionary<(string A, string B), (string Text, string Colour, string Fill, string Hover)> Labels(GenericChart chart)
    {
        var fig = JsonNode.Parse(Json(chart))!;
        var trace = fig["data"]![0]!;
        var xs = trace["x"]!.AsArray().Select(x => (string)x!).ToList();
        var ys = trace["y"]!.AsArray().Select(y => (string)y!).ToList();
        var scale = trace["colorscale"]!.AsArray().ToDictionary(s => (double)s![0]!, s => (string)s![1]!);
        Assert.Equal(0.0, (double)trace["zmin"]!);
        Assert.Equal(1.0, (double)trace["zmax"]!);
        return fig["layout"]!["annotations"]!.AsArray().ToDictionary(
            a => ((string)a!["y"]!, (string)a["x"]!),
            a =>
            {
                var (row, col) = (ys.IndexOf((string)a!["y"]!), xs.IndexOf((string)a["x"]!));
                return ((string)a["text"]!, (string)a["font"]!["color"]!, scale[(double)trace["z"]![row]![col]!], (string)trace["text"]![row]![col]!);
            });
    }

    [Fact]
    public void Latency_and_load_charts_refuse_empty_measurements()
    {
        Assert.Throws<ArgumentException>(() => LatencyChart.Of([]));
        Assert.Throws<ArgumentException>(() => ServerLoadChart.Of([]));
        Assert.Contains("\"type\":\"bar\"", Json(LatencyChart.Of([("direct", TimeSpan.FromMilliseconds(22))])));
    }
}
