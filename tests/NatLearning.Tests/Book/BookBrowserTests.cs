using Microsoft.Playwright;

namespace NatLearning.Tests.Book;

/// <summary>
/// Builds the real book from notebooks/ with the natlearn command (its own process, on FSharp.Core 10.0 as kernels are) and opens every page in Chromium with the network cut off: every Mermaid block
/// must become an SVG, every Plotly chart must draw, nothing may log a console error, and no request may leave the page.
/// Screenshots go to artifacts/screenshots/.
/// </summary>
[Collection(BookCollection.Name)]
public sealed class BookBrowserTests
{
    [Fact]
    public async Task Every_page_draws_offline_without_errors()
    {
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        using var _ = playwright;
        await using var __ = browser;
        var cancel = TestContext.Current.CancellationToken;
        var book = Path.Combine(Directory.CreateTempSubdirectory("natlearn-browser-").FullName, "book");
        var (exit, output, error) = await ProcessRunner.NatlearnAsync(cancel, "book", "--out", book);
        Assert.True(exit == 0, $"natlearn book exited {exit}: {error}\n{output}");
        Assert.Contains("Summary", output);
        var shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

        var pages = Directory.GetFiles(book, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(pages, p => Path.GetFileName(p) == "index.html");
        Assert.True(pages.Count >= 2, "the book has no chapter pages");
        var diagrams = 0;
        foreach (var file in pages)
        {
            var name = Path.GetFileName(file);
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            var left = new List<string>();
            var errors = new List<string>();
            // Everything that is not a local file is recorded and refused: the book must work offline.
            await context.RouteAsync("**/*", route =>
            {
                if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal)) return route.ContinueAsync();
                left.Add(route.Request.Url);
                return route.AbortAsync();
            });
            page.Request += (_, r) => { if (!r.Url.StartsWith("file://", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) left.Add(r.Url); };
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);

            // Generous timeouts: parsing 10 MB of JavaScript on a busy 2-core CI machine takes a while; the checks are not about speed.
            await page.GotoAsync(new Uri(file).AbsoluteUri, new() { Timeout = 180_000 });
            await page.WaitForFunctionAsync("document.body.getAttribute('data-mermaid') !== null", null, new() { Timeout = 180_000 });

            Assert.True(await page.GetAttributeAsync("body", "data-mermaid") is "done" or "none", $"{name}: Mermaid did not finish ({await page.GetAttributeAsync("body", "data-mermaid")})");
            var blocks = await page.Locator(".mermaid").CountAsync();
            var drawn = await page.Locator(".mermaid > svg").CountAsync();
            Assert.True(blocks == drawn, $"{name}: {drawn} of {blocks} Mermaid blocks became SVG");
            diagrams += drawn;
            var charts = await page.Locator(".js-plotly-plot, [data-plotly-chart]").CountAsync();
            var chartsDrawn = await page.Locator(".js-plotly-plot .main-svg").CountAsync();
            Assert.True(charts == 0 || chartsDrawn >= charts, $"{name}: {chartsDrawn} of {charts} Plotly charts drew");
            Assert.True(errors.Count == 0, $"{name}: console errors: {string.Join(" | ", errors)}");
            Assert.True(left.Count == 0, $"{name}: requests left the page: {string.Join(", ", left.Distinct())}");
            Assert.DoesNotContain("cdn.", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
            // The sticky bar covers no output: not the first one as the page opens, nor when it is scrolled to (as find in page does).
            var clear = await page.EvaluateAsync<double[]>("""
                () => { const out = document.querySelector('.output'), bar = () => document.querySelector('nav.book').getBoundingClientRect().bottom;
                        if (!out) return [0, 0];
                        const atLoad = out.getBoundingClientRect().top - bar();
                        out.scrollIntoView();
                        const scrolled = out.getBoundingClientRect().top - bar();
                        window.scrollTo(0, 0);
                        return [atLoad, scrolled]; }
                """);
            Assert.True(clear[0] >= 0 && clear[1] >= 0, $"{name}: the bar covers the first output by {-Math.Min(clear[0], clear[1]):0} px");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, Path.ChangeExtension(name, ".png")), FullPage = true });
            // Close-ups of the first rich view and the first diagram, for the README.
            var view = page.Locator("div.nl");
            if (await view.CountAsync() > 0) await view.First.ScreenshotAsync(new() { Path = Path.Combine(shots, Path.GetFileNameWithoutExtension(name) + "-view.png") });
            var diagram = page.Locator(".mermaid-view");
            if (await diagram.CountAsync() > 1) await diagram.Nth(1).ScreenshotAsync(new() { Path = Path.Combine(shots, Path.GetFileNameWithoutExtension(name) + "-diagram.png") });
            var chart = page.Locator(".plotly-view");
            if (await chart.CountAsync() > 0) await chart.First.ScreenshotAsync(new() { Path = Path.Combine(shots, Path.GetFileNameWithoutExtension(name) + "-chart.png") });
        }
        Assert.True(diagrams >= 1, "no page of the book had a Mermaid diagram to check");

        // The contents link every chapter's sections; following one, on a projector-sized screen, shows the heading whole below the bar,
        // also after the diagrams above it have been drawn.
        await using (var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } }))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(Path.Combine(book, "index.html")).AbsoluteUri);
            var sections = page.Locator("ol.toc ul.sections a");
            var count = await sections.CountAsync();
            Assert.True(count >= pages.Count, $"the contents list {count} sections for {pages.Count - 1} chapters");
            foreach (var nth in new[] { count / 2, count - 1 })
            {
                await page.GotoAsync(new Uri(Path.Combine(book, "index.html")).AbsoluteUri);
                var link = sections.Nth(nth);
                var (text, href) = (await link.InnerTextAsync(), (await link.GetAttributeAsync("href"))!);
                await link.ClickAsync(new() { Timeout = 180_000 });
                await page.WaitForURLAsync("**/" + href, new() { Timeout = 180_000 });
                await page.WaitForFunctionAsync("document.body && document.body.getAttribute('data-mermaid') !== null", null, new() { Timeout = 180_000 });
                await page.WaitForTimeoutAsync(500);   // charts and diagrams drawn, the page settled
                var id = Uri.UnescapeDataString(href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..]);
                var place = await page.EvaluateAsync<double[]>("""
                    id => { const h = document.getElementById(id).getBoundingClientRect();
                            return [document.querySelector('nav.book').getBoundingClientRect().bottom, h.top, h.bottom, window.innerHeight]; }
                    """, id);
                Assert.True(place[1] >= place[0] && place[2] <= place[3], $"'{text}' ({href}) lies at {place[1]:0}–{place[2]:0} px, the bar ends at {place[0]:0} px, the window at {place[3]:0} px");
                Assert.Equal(text, (await page.Locator($"[id='{id}']").InnerTextAsync()).Trim());
                if (nth == count - 1) await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "contents-link.png") });
            }
        }
        Directory.Delete(Path.GetDirectoryName(book)!, recursive: true);
    }
}
