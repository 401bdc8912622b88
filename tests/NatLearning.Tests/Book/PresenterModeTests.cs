using Microsoft.Playwright;
using NatLearning.Book;

namespace NatLearning.Tests.Book;

/// <summary>
/// The book's presenter mode in Chromium at projector size (1280×720): p shows one section (a ## heading and the
/// cells under it) in larger type, ←/→ and PageUp/PageDown move, the address keeps the section over a reload, a
/// focused trace player keeps its own arrow keys, Esc restores the page. Also the safety net for tall outputs.
/// </summary>
[Collection(BookCollection.Name)]
public sealed class PresenterModeTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-presenter-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<string> _errors = [];

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The test book's chapter in Chromium at projector size, its diagrams drawn (skipped where Chromium is missing).</summary>
    private async Task<IPage> OpenChapterAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchOrSkipAsync();
        var file = await BuildBookAsync();
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => _errors.Add(e);
        await OpenAsync(page, new Uri(file).AbsoluteUri);
        return page;
    }

    private async Task<string> BuildBookAsync()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_dir, "notebooks")).FullName;
        TestNotebook.Write(Path.Combine(notebooks, "01-talk.ipynb"),
            TestNotebook.Markdown("# A talk\n\nThe introduction, before the first section."),
            TestNotebook.LoadCell,
            TestNotebook.Markdown("## One\n\nThe first section."),
            "\"answer: \" + (40 + 2)",
            TestNotebook.Markdown("## Two\n\nA very tall output follows."),
            "Console.WriteLine(string.Join(\"\\n\", Enumerable.Range(1, 150).Select(i => $\"line {i}\")));",
            TestNotebook.Markdown("## Three\n\nOne markdown cell holding two sections.\n\n## Four\n\nThe player's section."),
            "using NatLearning.Interactive;\nNatLearning.Scenarios.ScenarioCatalog.Get(\"nat-rule\").Run().ToPlayer()");
        var book = Path.Combine(_dir, "book");
        await new BookBuilder(new BookOptions { NotebooksDirectory = notebooks, OutputDirectory = book, CellTimeout = TimeSpan.FromMinutes(5) }, TextWriter.Null)
            .BuildAsync(TestContext.Current.CancellationToken);
        return Path.Combine(book, "01-talk.html");
    }

    // Filled by Playwright from the page's object (it needs a parameterless constructor and setters).
    private sealed class State
    {
        public bool Presenting { get; set; }
        public string Hash { get; set; } = "";
        public string Counter { get; set; } = "";
        public string[] Headings { get; set; } = [];
        public string[] Texts { get; set; } = [];
        public double HeadingHeight { get; set; }
        public int Outputs { get; set; }
    }

    private static Task<State> StateAsync(IPage page) => page.EvaluateAsync<State>("""
        () => {
          const seen = el => !!el.offsetParent;
          const heads = [...document.querySelectorAll('main h1, main h2')].filter(seen);
          return { presenting: document.body.classList.contains('presenter'), hash: location.hash,
                   counter: document.querySelector('nav.book .slide-no').textContent,
                   headings: heads.map(h => h.textContent.trim()),
                   texts: [...document.querySelectorAll('main .markdown p')].filter(seen).map(p => p.textContent.trim()),
                   headingHeight: heads.length ? heads[heads.length - 1].getBoundingClientRect().height : 0,
                   outputs: [...document.querySelectorAll('main .output')].filter(seen).length };
        }
        """);

    /// <summary>The height of the first line of the first visible paragraph: the size the text is drawn at.</summary>
    private static Task<double> LineHeightAsync(IPage page) => page.EvaluateAsync<double>("""
        () => { const p = [...document.querySelectorAll('main .markdown p')].find(p => p.offsetParent);
                const r = document.createRange(); r.selectNodeContents(p); return r.getClientRects()[0].height; }
        """);

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url, new() { Timeout = 180_000 });
        await page.WaitForFunctionAsync("document.body.getAttribute('data-mermaid') !== null", null, new() { Timeout = 180_000 });
    }

    [Fact]
    public async Task P_shows_one_section_larger_arrows_move_reload_stays_a_player_keeps_its_keys_and_escape_restores()
    {
        var page = await OpenChapterAsync();
        var shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

        var normal = await StateAsync(page);
        Assert.False(normal.Presenting);
        Assert.Equal(["A talk", "One", "Two", "Three", "Four"], normal.Headings);
        // The h2 the page ends on, at normal size, to compare with presenter mode.
        var h2Normal = normal.HeadingHeight;
        var bodyNormal = await LineHeightAsync(page);

        await page.Keyboard.PressAsync("p");
        var first = await StateAsync(page);
        Assert.True(first.Presenting);
        Assert.Equal(("#present-1", "1 / 5"), (first.Hash, first.Counter));
        Assert.Equal(["A talk"], first.Headings);
        Assert.Equal(["The introduction, before the first section."], first.Texts);

        await page.Keyboard.PressAsync("ArrowRight");
        var one = await StateAsync(page);
        Assert.Equal(("#present-2", "2 / 5", 1), (one.Hash, one.Counter, one.Outputs));
        Assert.Equal(["One"], one.Headings);
        Assert.Equal(["The first section."], one.Texts);
        Assert.Contains("answer: 42", await page.Locator("main .output").Filter(new() { Visible = true }).InnerTextAsync());
        Assert.True(one.HeadingHeight >= 1.3 * h2Normal, $"the section heading is {one.HeadingHeight:0} px tall in presenter mode, {h2Normal:0} px normally");
        var bodyText = await LineHeightAsync(page);
        Assert.True(bodyText >= 1.3 * bodyNormal, $"a line of body text is {bodyText:0} px tall in presenter mode, {bodyNormal:0} px normally");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "presenter-section.png") });

        // A clicker sends PageDown/PageUp; one markdown cell with two ## headings is two sections.
        await page.Keyboard.PressAsync("PageDown");
        await page.Keyboard.PressAsync("PageDown");
        Assert.Equal(["Three"], (await StateAsync(page)).Headings);
        await page.Keyboard.PressAsync("ArrowRight");
        var four = await StateAsync(page);
        Assert.Equal("#present-5", four.Hash);
        Assert.Equal(["Four"], four.Headings);
        await page.Keyboard.PressAsync("ArrowRight");   // past the last section: stays
        Assert.Equal("5 / 5", (await StateAsync(page)).Counter);

        // A reload comes back to the same section, still presenting.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("document.body.classList.contains('presenter')", null, new() { Timeout = 180_000 });
        var reloaded = await StateAsync(page);
        Assert.Equal(("#present-5", "5 / 5"), (reloaded.Hash, reloaded.Counter));
        Assert.Equal(["Four"], reloaded.Headings);

        // The trace player, once it has the focus, takes the arrows: it steps, the section stays.
        var player = page.Locator(".nl-player");
        await player.Locator(".nlp-pos").ClickAsync();
        Assert.StartsWith("step 1 / ", await player.Locator(".nlp-pos").InnerTextAsync());
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.StartsWith("step 3 / ", await player.Locator(".nlp-pos").InnerTextAsync());
        Assert.Equal("#present-5", (await StateAsync(page)).Hash);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "presenter-player.png") });
        // PageUp (a clicker) still moves between sections while the player has the focus.
        await page.Keyboard.PressAsync("PageUp");
        Assert.Equal(["Three"], (await StateAsync(page)).Headings);

        await page.Keyboard.PressAsync("Escape");
        var back = await StateAsync(page);
        Assert.False(back.Presenting);
        Assert.Equal(normal.Headings, back.Headings);
        Assert.Equal(normal.Outputs, back.Outputs);
        Assert.Equal(("#three", ""), (back.Hash, back.Counter));
        Assert.Equal(h2Normal, back.HeadingHeight, 1.0);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task An_output_taller_than_1000_px_is_cut_to_a_fixed_height_until_show_all()
    {
        var page = await OpenChapterAsync();

        var tall = page.Locator(".output.collapsed");
        Assert.Equal(1, await tall.CountAsync());   // the 150 lines; the short output and the player are left alone
        Assert.Contains("line 1\n", await tall.InnerTextAsync());
        var cut = (await tall.BoundingBoxAsync())!.Height;
        Assert.InRange(cut, 500, 700);
        var button = page.Locator("button.show-all");
        Assert.StartsWith("Show all", await button.InnerTextAsync());
        await button.ClickAsync();
        var whole = (await page.Locator(".output:has(+ button.show-all)").BoundingBoxAsync())!.Height;
        Assert.True(whole > 1000, $"after Show all the output is {whole:0} px tall");
        Assert.StartsWith("Collapse", await button.InnerTextAsync());
    }
}
