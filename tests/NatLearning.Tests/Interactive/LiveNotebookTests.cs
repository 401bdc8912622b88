using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.Playwright;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Scenarios;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// The views as a live notebook shows them: several outputs on one page, no mermaid.js or plotly.js until the views'
/// own loaders fetch them from the CDN (served here from the vendored copies). Every diagram and chart must draw, and
/// each library must be fetched once — the failure of dotnet/interactive#3561 is a second load racing the first.
/// </summary>
[Collection(Book.BookCollection.Name)]
public sealed class LiveNotebookTests
{
    [Fact]
    public async Task Several_diagrams_and_charts_on_one_page_all_draw_with_one_fetch_each()
    {
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        using var _ = playwright;
        await using var __ = browser;
        global::NatLearning.Interactive.Course.Load();
        var grid = NatLearning.Lab.HolePunchExperiment.Grid();
        var outputs = new object[]
        {
            ScenarioCatalog.Get("nat-rule").Run(),
            ScenarioCatalog.Get("direct").Run().Trace.ToDiagram(),
            BirthdayChart.Of(NatLearning.Lab.BirthdayExperiment.Run(new NatLearning.Lab.BirthdayOptions { Trials = 10, ProbeCounts = [64, 256] })),
            ScenarioCatalog.Get("hidden-device").Run().Trace.ToDiagram(),
            OutcomeHeatmap.Of(grid),
        };
        var body = string.Concat(outputs.Select(o => $"<div class=\"output\">{o.ToDisplayString(HtmlFormatter.MimeType)}</div>"));
        var file = Path.Combine(Directory.CreateTempSubdirectory("natlearn-live-").FullName, "live.html");
        File.WriteAllText(file, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>");
        var assets = Path.Combine(RepoPaths.Root, "src", "NatLearning.Book", "assets");

        await using var context = await browser.NewContextAsync();
        var fetched = new List<string>();
        var errors = new List<string>();
        await context.RouteAsync("**/*", route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith("file://", StringComparison.Ordinal)) return route.ContinueAsync();
            fetched.Add(url);
            return url switch
            {
                MermaidHtml.CdnUrl => route.FulfillAsync(new() { Path = Path.Combine(assets, "mermaid.min.js"), ContentType = "text/javascript" }),
                PlotlyHtml.CdnUrl => route.FulfillAsync(new() { Path = Path.Combine(assets, "plotly.min.js"), ContentType = "text/javascript" }),
                _ => route.AbortAsync(),
            };
        });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new() { Timeout = 180_000 });

        var blocks = await page.Locator("pre.mermaid").CountAsync();
        Assert.Equal(3, blocks);   // the scenario view has one, plus the two diagrams
        await page.WaitForFunctionAsync($"document.querySelectorAll('pre.mermaid > svg').length === {blocks} && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
            null, new() { Timeout = 180_000 });
        Assert.Empty(errors);

        // The heatmap's cells carry their run's outcome as SVG text (Plotly annotations), and hovering a cell tells that run's figures.
        var heatmap = page.Locator(".js-plotly-plot").Last;
        var drawn = await heatmap.Locator("text.annotation-text").AllTextContentsAsync();
        Assert.Equal(grid.Select(r => r.Success ? "direct" : "fails").Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));
        var cell = heatmap.Locator(".nsewdrag").First;
        var box = (await cell.BoundingBoxAsync())!;
        await cell.HoverAsync(new() { Position = new() { X = box.Width / 10, Y = box.Height / 10 } });   // the top left cell: Alice and Bob without NAT
        await page.WaitForFunctionAsync("document.querySelectorAll('.hoverlayer .hovertext').length > 0", null, new() { Timeout = 10_000 });
        Assert.Contains($"{grid[0].ProbesSent} probes", await heatmap.Locator(".hoverlayer .hovertext").First.TextContentAsync());
        await heatmap.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName, "outcome-heatmap.png") });

        Assert.Equal([MermaidHtml.CdnUrl, PlotlyHtml.CdnUrl], fetched.Order(StringComparer.Ordinal));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName, "live-notebook.png"), FullPage = true });
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
