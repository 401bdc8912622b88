using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.HolePunching;
using NatLearning.Interactive;
using NatLearning.Lab;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// This test process runs on FSharp.Core 10.0, as kernels do, while Plotly.NET 6 was built against 10.1: these tests
/// only pass because FSharpCoreRedirect answers Plotly's request for 10.1.
/// </summary>
public class ChartTests
{
    [Fact]
    public void The_process_runs_on_FSharp_Core_10_0_like_a_kernel()
    {
        _ = BirthdayChart.Of(SmallBirthday);
        var fsharp = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "FSharp.Core");
        Assert.Equal(new Version(10, 0, 0, 0), fsharp.GetName().Version);
    }

    [Fact]
    public void Birthday_chart_renders_as_a_plotly_figure_that_draws_itself()
    {
        global::NatLearning.Interactive.Course.Load();
        var html = BirthdayChart.Of(SmallBirthday).ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("data-plotly-chart", html);
        Assert.Contains("P.newPlot(node, fig.data, fig.layout", html);
        Assert.Contains("irthday", html);
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.Contains(PlotlyHtml.CdnUrl, html);   // fetched only by the notebook-only loader
        Assert.DoesNotContain("</script>\"", html);
    }

    private static BirthdayResult SmallBirthday => BirthdayExperiment.Run(new BirthdayOptions { Trials = 10, ProbeCounts = [64, 256] });
}
