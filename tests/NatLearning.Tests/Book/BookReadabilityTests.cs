using System.Text.Json;
using Microsoft.Playwright;

namespace NatLearning.Tests.Book;

/// <summary>What one page of the exported book measures at projector size (1280×720), as the readability checks read it.</summary>
public sealed record PageMeasures(string Page, double DocumentWidth, double WindowWidth, double ColumnWidth,
    IReadOnlyList<DiagramMeasure> Diagrams, IReadOnlyList<OutputMeasure> Outputs, IReadOnlyList<double> Players);

/// <param name="Output">Index of the page's <c>.output</c> holding the diagram (-1 when outside any).</param>
/// <param name="Phase">The phase tab drawn when measured ("" for a diagram in one part).</param>
/// <param name="SmallestPx">The smallest text drawn, in screen pixels at 100 % page zoom (font size times the SVG's screen scale).</param>
public sealed record DiagramMeasure(int Output, string Phase, bool Drawn, double SmallestPx, string SmallestText);

/// <param name="Overflow">The first element wider than the content column outside a scroll box of the output's own, or null.</param>
public sealed record OutputMeasure(int Index, double Height, double ScrollWidth, string? Overflow);

/// <summary>
/// Builds the real course book once (the natlearn command, as <see cref="BookBrowserTests"/> does) and measures every page
/// in Chromium at 1280×720 with the network refused; screenshots go to artifacts/screenshots/readable-*.png.
/// </summary>
public sealed class ReadableBook : IDisposable
{
    public const int Width = 1280, Height = 720;
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-readable-").FullName;
    private Task<IReadOnlyList<PageMeasures>>? _pages;
    private readonly Lock _gate = new();

    /// <summary>Every page's measures; the first caller builds and measures the book.</summary>
    public Task<IReadOnlyList<PageMeasures>> PagesAsync(CancellationToken cancel)
    {
        lock (_gate) return _pages ??= MeasureAsync(cancel);
    }

    private async Task<IReadOnlyList<PageMeasures>> MeasureAsync(CancellationToken cancel)
    {
        var book = Path.Combine(_dir, "book");
        var (exit, output, error) = await ProcessRunner.NatlearnAsync(cancel, "book", "--out", book);
        if (exit != 0) throw new InvalidOperationException($"natlearn book exited {exit}: {error}\n{output}");
        var shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        using var _ = playwright;
        await using var __ = browser;
        var pages = new List<PageMeasures>();
        foreach (var file in Directory.GetFiles(book, "*.html").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
            await context.RouteAsync("**/*", route => route.Request.Url.StartsWith("file://", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(file).AbsoluteUri, new() { Timeout = 180_000 });
            await page.WaitForFunctionAsync("document.body.getAttribute('data-mermaid') !== null", null, new() { Timeout = 180_000 });
            await page.WaitForTimeoutAsync(1000);   // charts drawn, diagrams sized
            var layout = JsonSerializer.Deserialize<PageMeasures>(await page.EvaluateAsync<string>(LayoutScript), Json)!;
            var diagrams = JsonSerializer.Deserialize<List<DiagramMeasure>>(await page.EvaluateAsync<string>(DiagramScript), Json)!;
            pages.Add(layout with { Page = name, Diagrams = diagrams });
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "readable-" + Path.ChangeExtension(name, ".png")) });
            // What a projector shows of each chapter's first diagram: scrolled to the top of the screen, then its box scrolled down.
            var diagram = page.Locator(".nl-diagram").First;
            if (await page.Locator(".nl-diagram").CountAsync() > 0)
            {
                var stem = "readable-" + Path.GetFileNameWithoutExtension(name);
                await diagram.EvaluateAsync("d => { d.scrollIntoView(); window.scrollBy(0, -document.querySelector('nav.book').offsetHeight - 8); }");
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, stem + "-diagram.png") });
                await diagram.EvaluateAsync("d => { const b = d.querySelector('.nl-phase-view:not([hidden]) .nl-diagram-box'); b.scrollTop = b.scrollHeight / 2; b.scrollLeft = b.scrollWidth / 3; }");
                await page.WaitForTimeoutAsync(200);
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, stem + "-diagram-scrolled.png") });
            }
        }
        // The figures behind the tests, for whoever reads a failure or a report.
        File.WriteAllText(Path.Combine(shots, "readable-measures.json"), JsonSerializer.Serialize(pages, new JsonSerializerOptions { WriteIndented = true }));
        return pages;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    // The content column is <main>'s inner width. An output may hold something wider only inside a scroll box of its own
    // (a descendant with overflow-x auto or scroll whose box fits the column); the page's .output box does not count.
    private const string LayoutScript = """
        () => {
          const main = document.querySelector('main'), cs = main ? getComputedStyle(main) : null;
          const col = main ? main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) : window.innerWidth;
          const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const outputs = [...document.querySelectorAll('.output')].map((o, i) => {
            const r = o.getBoundingClientRect();
            let overflow = null;
            if (o.scrollWidth > col + 2) {
              for (const el of o.querySelectorAll('*')) {
                const w = el.getBoundingClientRect().width;
                if (w <= col + 2) continue;
                let boxed = false;
                for (let a = el.parentElement; a && a !== o; a = a.parentElement) {
                  const ox = getComputedStyle(a).overflowX;
                  if ((ox === 'auto' || ox === 'scroll') && a.getBoundingClientRect().width <= col + 2) { boxed = true; break; }
                }
                if (!boxed) { overflow = name(el) + ' ' + Math.round(w) + ' px wide'; break; }
              }
            }
            return { index: i, height: r.height, scrollWidth: o.scrollWidth, overflow };
          });
          const players = [...document.querySelectorAll('.nl-player')].map(p => p.getBoundingClientRect().height);
          return JSON.stringify({ page: '', documentWidth: document.documentElement.scrollWidth, windowWidth: window.innerWidth,
                                  columnWidth: col, diagrams: [], outputs, players });
        }
        """;

    // Every Mermaid picture, each phase of a phased diagram drawn in turn: the smallest text as the screen shows it.
    private const string DiagramScript = """
        async () => {
          const sleep = ms => new Promise(r => setTimeout(r, ms));
          const outputs = [...document.querySelectorAll('.output')];
          const smallest = svg => {
            let px = 1e9, text = '';
            svg.querySelectorAll('text').forEach(t => {
              const ctm = t.getScreenCTM();
              if (!ctm || t.getBBox().width <= 0) return;
              const s = parseFloat(getComputedStyle(t).fontSize) * Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
              if (s < px) { px = s; text = t.textContent.slice(0, 40); }
            });
            return [px, text];
          };
          const result = [];
          for (const view of document.querySelectorAll('.mermaid-view')) {
            const output = outputs.findIndex(o => o.contains(view));
            const tabs = [...view.querySelectorAll('button[data-phase]')];
            for (const tab of tabs.length ? tabs : [null]) {
              let part = view;
              if (tab) { tab.click(); part = view.querySelector('.nl-phase-view[data-phase="' + tab.getAttribute('data-phase') + '"]'); }
              for (let k = 0; k < 300 && !part.querySelector('.mermaid > svg'); k++) await sleep(50);
              await sleep(100);   // the view sizes the picture once Mermaid has put it in
              const svg = part.querySelector('.mermaid > svg');
              const [px, text] = svg ? smallest(svg) : [0, ''];
              result.push({ output, phase: tab ? tab.textContent : '', drawn: !!svg, smallestPx: Math.round(px * 10) / 10, smallestText: text });
            }
            if (tabs.length) tabs[0].click();
          }
          return JSON.stringify(result);
        }
        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>
/// The book read as a class sees it on a projector (issue 16's "done when"): every criterion is its own test, and a
/// failure names the page, the output's index and what was measured.
/// </summary>
[Collection(BookCollection.Name)]
public sealed class BookReadabilityTests(ReadableBook book) : IClassFixture<ReadableBook>
{
    private const double SmallestText = 12, TallestOutput = 1500;

    private async Task<IReadOnlyList<PageMeasures>> PagesAsync()
    {
        if (!File.Exists(Chromium.Path)) Assert.Skip($"Chromium not found at {Chromium.Path}; install with: apt-get install -y chromium");
        var pages = await book.PagesAsync(TestContext.Current.CancellationToken);
        Assert.True(pages.Count >= 2, "the book has no chapter pages");
        return pages;
    }

    [Fact]
    public async Task Every_diagram_draws_its_smallest_text_at_12_px_or_more()
    {
        var pages = await PagesAsync();
        var diagrams = pages.SelectMany(p => p.Diagrams.Select(d => (p.Page, d))).ToList();
        Assert.True(diagrams.Count > 0, "no page of the book had a Mermaid diagram to measure");
        var bad = diagrams.Where(x => !x.d.Drawn || x.d.SmallestPx < SmallestText)
            .Select(x => $"{x.Page} output {x.d.Output}{(x.d.Phase.Length > 0 ? $" phase '{x.d.Phase}'" : "")}: " +
                         (x.d.Drawn ? $"smallest text {x.d.SmallestPx:0.0} px ('{x.d.SmallestText}')" : "not drawn")).ToList();
        Assert.True(bad.Count == 0, $"diagram text under {SmallestText} px at 1280×720:\n" + string.Join("\n", bad));
    }

    [Fact]
    public async Task No_page_scrolls_sideways()
    {
        var bad = (await PagesAsync()).Where(p => p.DocumentWidth > p.WindowWidth)
            .Select(p => $"{p.Page}: the page is {p.DocumentWidth:0} px wide in a {p.WindowWidth:0} px window").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public async Task No_output_is_wider_than_the_column_outside_its_own_scroll_box()
    {
        var bad = (await PagesAsync()).SelectMany(p => p.Outputs.Where(o => o.Overflow is not null)
            .Select(o => $"{p.Page} output {o.Index}: {o.ScrollWidth:0} px in a {p.ColumnWidth:0} px column ({o.Overflow})")).ToList();
        Assert.True(bad.Count == 0, "outputs wider than the content column:\n" + string.Join("\n", bad));
    }

    [Fact]
    public async Task No_output_is_taller_than_1500_px_as_shown()
    {
        var bad = (await PagesAsync()).SelectMany(p => p.Outputs.Where(o => o.Height > TallestOutput)
            .Select(o => $"{p.Page} output {o.Index}: {o.Height:0} px tall")).ToList();
        Assert.True(bad.Count == 0, $"outputs taller than {TallestOutput} px (collapse the rest behind a \"show all\" control):\n" + string.Join("\n", bad));
    }

    [Fact]
    public async Task Every_protocol_chapter_has_a_trace_player_that_fits_the_screen()
    {
        var pages = await PagesAsync();
        var bad = new List<string>();
        foreach (var chapter in new[] { "04", "05", "06", "07", "08", "09" })
        {
            var page = pages.FirstOrDefault(p => p.Page.StartsWith(chapter + "-", StringComparison.Ordinal));
            if (page is null) bad.Add($"chapter {chapter}: no page");
            else if (page.Players.Count == 0) bad.Add($"{page.Page}: no trace player");
            else bad.AddRange(page.Players.Select((h, i) => (h, i)).Where(x => x.h > ReadableBook.Height)
                .Select(x => $"{page.Page} player {x.i}: {x.h:0} px tall (at most {ReadableBook.Height})"));
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }
}
