using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NatLearning.Book;
using NatLearning.HolePunching;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Tests.Book;
using NatLearning.Tracing;

namespace NatLearning.Tests.Interactive;

public class TracePlayerHtmlTests
{
    [Fact]
    public void Every_step_has_a_panel_and_every_packet_an_arrow_and_a_row()
    {
        var net = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone)).Network;
        var timeline = net.Timeline();
        var html = TracePlayerHtml.Render(net.ToPlayer());
        var wire = net.Trace.WirePackets.Count();
        Assert.Equal(timeline.Count, Regex.Matches(html, "<div class=\"nlp-step ").Count);
        Assert.Equal(wire, Regex.Matches(html, "<g class=\"nlp-arrow").Count);
        Assert.Equal(wire, Regex.Matches(html, "<tr data-step=").Count);
        Assert.Contains("class=\"nlp-created\"", html);
        Assert.Contains("class=\"nlp-hit\"", html);
        Assert.DoesNotContain("http", html);       // nothing fetched: no CDN, no links out
    }

    [Fact]
    public void Two_players_get_different_ids()
    {
        var net = HolePunchExperiment.Run(PeerNat.None, PeerNat.None).Network;
        var a = Regex.Match(TracePlayerHtml.Render(net.ToPlayer()), "id=\"(nlp\\d+)\"").Groups[1].Value;
        var b = Regex.Match(TracePlayerHtml.Render(net.ToPlayer()), "id=\"(nlp\\d+)\"").Groups[1].Value;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Long_traces_are_cut_with_a_note()
    {
        var net = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.Symmetric), PeerNat.Of(NatBehavior.Symmetric)).Network;
        var html = TracePlayerHtml.Render(new TracePlayer(net.Timeline(), maxSteps: 10));
        Assert.Equal(10, Regex.Matches(html, "<div class=\"nlp-step ").Count);
        Assert.Contains("Showing the first 10 of", html);
    }
}

/// <summary>One small book with four players (two hole punches, one ICE session with TURN, a NAT table scenario), built on first use for the browser tests.</summary>
public sealed class PlayerBook : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-player-").FullName;
    private Task<string>? _page;

    /// <summary>The page's path; the first caller builds the book.</summary>
    public Task<string> PageAsync(CancellationToken cancel) => _page ??= BuildAsync(cancel);

    private async Task<string> BuildAsync(CancellationToken cancel)
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_dir, "notebooks")).FullName;
        var code = "using NatLearning.Lab;\nusing NatLearning.Nat;\nusing NatLearning.Interactive;\n" +
                   "var punch = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone));\n" +
                   "punch.Network.ToPlayer(\"first\")";
        var ice = "using NatLearning.Lab;\nIceSession.Run(PeerNat.Parse(\"symmetric\"), PeerNat.Parse(\"symmetric\"), turn: true).Network.ToPlayer(\"ICE with TURN\")";
        var small = "NatLearning.Scenarios.ScenarioCatalog.Get(\"nat-table\").Run().ToPlayer(\"NAT table\")";
        TestNotebook.Write(Path.Combine(notebooks, "01-player.ipynb"), TestNotebook.Markdown("# Player"), TestNotebook.LoadCell, code, "punch.Network.ToPlayer(\"second\")", ice, small);
        var book = Path.Combine(_dir, "book");
        await new BookBuilder(new BookOptions { NotebooksDirectory = notebooks, OutputDirectory = book }, TextWriter.Null).BuildAsync(cancel);
        return Path.Combine(book, "01-player.html");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>Clicks through an exported page in Chromium: the highlighted packet and the NAT table follow the steps.</summary>
[Collection(BookCollection.Name)]
public sealed class TracePlayerBrowserTests(PlayerBook book) : IClassFixture<PlayerBook>
{
    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

    private async Task<(IPlaywright, IBrowser, IPage, List<string> Errors)> OpenAsync(int width, int height)
    {
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        var file = await book.PageAsync(TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        return (playwright, browser, page, errors);
    }

    [Fact]
    public async Task Step_forward_and_back_move_the_highlight_and_the_tables()
    {
        var (playwright, browser, page, errors) = await OpenAsync(1280, 900);
        using var _ = playwright;
        await using var __ = browser;

        var players = page.Locator(".nl-player");
        Assert.Equal(4, await players.CountAsync());
        var first = players.Nth(0);
        var second = players.Nth(1);
        async Task<string?> Current(ILocator p) => await p.GetAttributeAsync("data-current");
        async Task<string> VisibleAliceTable(ILocator p) =>
            await p.Locator(".nlp-state-panel:not([hidden]) .nlp-table[data-router=\"Alice's NAT\"]").InnerTextAsync();
        async Task<string> HighlightedRow(ILocator p) => await p.Locator(".nlp-packets tr.nlp-current").InnerTextAsync();

        Assert.Equal("0", await Current(first));
        Assert.Contains("no mappings", await VisibleAliceTable(first));

        // Forward to the step where Alice's NAT creates her mapping (step 3), then one more: the WHOAMI leaves translated.
        await first.Locator("[data-act=fwd]").ClickAsync();
        await first.Locator("[data-act=fwd]").ClickAsync();
        Assert.Equal("2", await Current(first));
        var table = await VisibleAliceTable(first);
        Assert.Contains("49.36.10.25:62000", table);
        Assert.Contains("new", table);
        await first.Locator("[data-act=fwd]").ClickAsync();
        Assert.Contains("49.36.10.25:62000", await HighlightedRow(first));     // the translated copy of the packet

        // Back twice: the table is empty again and the first packet is highlighted.
        await first.Locator("[data-act=back]").ClickAsync();
        await first.Locator("[data-act=back]").ClickAsync();
        await first.Locator("[data-act=back]").ClickAsync();
        Assert.Equal("0", await Current(first));
        Assert.Contains("no mappings", await VisibleAliceTable(first));
        Assert.Contains("192.168.1.10:5000", await HighlightedRow(first));

        // Keyboard arrows work on the focused player; the other player does not move.
        await first.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("1", await Current(first));
        Assert.Equal("0", await Current(second));

        // The slider jumps to the last step; its hole toward Bob is open.
        var last = int.Parse((await first.GetAttributeAsync("data-steps"))!) - 1;
        await first.Locator("[data-act=slider]").FillAsync(last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), await Current(first));
        Assert.Contains("88.20.15.90:54000", await VisibleAliceTable(first));
        Assert.Empty(errors);
        // A close-up for the README: the player mid-way through the punch.
        await first.Locator("[data-act=slider]").FillAsync((last / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await first.ScreenshotAsync(new() { Path = Path.Combine(Shots, "trace-player.png") });
    }

    /// <summary>
    /// On a 1024-pixel projector, a diagram of six to eight nodes (hole punching with STUN and rendezvous; ICE with
    /// signalling, STUN, TURN and drops on the internet) takes the player's width, with the step's details under it; one of
    /// four nodes keeps them beside it. Neither scrolls sideways, the labels stay large enough to read, and stepping
    /// highlights the arrow of the packet the list highlights, in view.
    /// </summary>
    [Fact]
    public async Task Sequence_diagram_with_many_nodes_fits_the_player_and_follows_the_steps()
    {
        var (playwright, browser, page, errors) = await OpenAsync(1024, 768);
        using var _ = playwright;
        await using var __ = browser;

        foreach (var (index, wide) in new[] { (0, true), (2, true), (3, false) })
        {
            var player = page.Locator(".nl-player").Nth(index);
            await player.EvaluateAsync("p => p.scrollIntoView({ block: 'start' })");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"trace-player-{index}-1024.png") });   // what the room sees
            var fit = await player.EvaluateAsync<double[]>("""
                p => { const box = p.querySelector('.nlp-seq-box'), svgs = [...box.querySelectorAll('svg')], svg = svgs[svgs.length - 1];
                       const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                       return [p.querySelectorAll('.nlp-node').length, box.scrollWidth - box.clientWidth,
                               Math.max(...svgs.map(s => s.getBoundingClientRect().width)) - box.clientWidth,
                               p.scrollWidth - p.clientWidth, parseFloat(getComputedStyle(box.querySelector('.nlp-node')).fontSize) * scale,
                               parseFloat(getComputedStyle(box.querySelector('.nlp-arrow text')).fontSize) * scale,
                               p.querySelector('.nlp-details').getBoundingClientRect().left - box.getBoundingClientRect().right]; }
                """);
            var title = await player.Locator("h3").InnerTextAsync();
            Assert.True(wide ? fit[0] >= 6 : fit[0] <= 4, $"{title}: {fit[0]} nodes, not the case this test is about");
            Assert.True(wide == fit[6] < 0, $"{title}: the step's details should be {(wide ? "under" : "beside")} the diagram");
            Assert.True(fit[1] <= 0 && fit[2] <= 0.5, $"{title}: the diagram is {fit[2]:0} px wider than its box (scrolls {fit[1]:0} px sideways)");
            Assert.True(fit[3] <= 0, $"{title}: the player scrolls {fit[3]:0} px sideways");
            Assert.True(fit[4] >= 13 && fit[5] >= 11, $"{title}: labels shrank to {fit[4]:0.0} px (nodes) and {fit[5]:0.0} px (packets)");

            // Forward a few steps, then to the end, then back: the highlighted arrow is the highlighted row's packet, and in view.
            var steps = int.Parse((await player.GetAttributeAsync("data-steps"))!);
            foreach (var move in new Func<Task>[]
                     {
                         () => player.Locator("[data-act=fwd]").ClickAsync(), () => player.Locator("[data-act=fwd]").ClickAsync(),
                         () => player.Locator("[data-act=fwd]").ClickAsync(),
                         () => player.Locator("[data-act=slider]").FillAsync((steps - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                         () => player.Locator("[data-act=back]").ClickAsync(),
                         () => player.Locator("[data-act=slider]").FillAsync((steps / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                     })
            {
                await move();
                var arrow = player.Locator(".nlp-arrow.nlp-current");
                Assert.Equal(1, await arrow.CountAsync());
                Assert.Equal(await player.Locator(".nlp-packets tr.nlp-current").GetAttributeAsync("data-step"), await arrow.GetAttributeAsync("data-step"));
                var view = await player.EvaluateAsync<double[]>("""
                    p => { const a = p.querySelector('.nlp-arrow.nlp-current').getBoundingClientRect(), b = p.querySelector('.nlp-seq-box').getBoundingClientRect();
                           const names = p.querySelector('.nlp-seq-box svg').getBoundingClientRect();   // the node names stay on top
                           return [a.left, a.right, a.top, a.bottom, b.left, b.right, names.bottom, b.bottom]; }
                    """);
                var inView = view[0] >= view[4] - 1 && view[1] <= view[5] + 1 && view[2] >= view[6] - 1 && view[3] <= view[7] + 1;
                Assert.True(inView, $"{title}: at step {await player.GetAttributeAsync("data-current")} the highlighted arrow is outside the diagram's visible part " +
                    $"(arrow {view[0]:0}–{view[1]:0} × {view[2]:0}–{view[3]:0}, box {view[4]:0}–{view[5]:0} × {view[6]:0}–{view[7]:0})");
            }
        }
        Assert.Empty(errors);
    }

    /// <summary>
    /// ICE with TURN has about 350 steps. Its packet list scrolls in a box of its own (a fixed height, so the player fits
    /// one screen) whose header stays on top, and stepping keeps the highlighted row in that box without moving the page.
    /// </summary>
    [Fact]
    public async Task A_long_packet_list_scrolls_in_its_own_box_that_follows_the_current_row()
    {
        var (playwright, browser, page, errors) = await OpenAsync(1024, 768);
        using var _ = playwright;
        await using var __ = browser;

        var player = page.Locator(".nl-player").Nth(2);
        Assert.Equal("ICE with TURN", await player.Locator("h3").InnerTextAsync());
        var steps = int.Parse((await player.GetAttributeAsync("data-steps"))!);
        Assert.True(steps > 300, $"{steps} steps: not the long trace this test is about");
        await player.EvaluateAsync("p => { p.scrollIntoView({ block: 'start' }); p.focus({ preventScroll: true }); }");
        var pageY = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(pageY > 0, "the player should be further down the page than the first screen");

        // [row visible in the box under its header, box scrollTop, header's offset from the box's top, box height, row height, page scrollY, box overflow]
        Task<double[]> Measure() => player.EvaluateAsync<double[]>("""
            p => { const box = p.querySelector('.nlp-packets-box'), b = box.getBoundingClientRect(), head = box.querySelector('thead th').getBoundingClientRect();
                   const r = p.querySelector('.nlp-packets tr.nlp-current').getBoundingClientRect(), bottom = b.top + box.clientTop + box.clientHeight;
                   return [r.top >= head.bottom - 1 && r.bottom <= bottom + 1 ? 1 : 0, box.scrollTop, head.top - b.top - box.clientTop, b.height,
                           p.querySelector('.nlp-packets tbody tr').getBoundingClientRect().height, window.scrollY, box.scrollHeight - box.clientHeight]; }
            """);
        async Task Check(string when, bool scrolled)
        {
            var m = await Measure();
            Assert.True(m[0] == 1, $"{when}: the highlighted row is outside the packet box's visible part");
            Assert.True(scrolled ? m[1] > 0 : m[1] == 0, $"{when}: the box's scrollTop is {m[1]}");
            Assert.True(Math.Abs(m[2]) <= 1, $"{when}: the header row is {m[2]} px from the box's top, not stuck to it");
            Assert.True(m[3] >= 6 * m[4] && m[3] <= 260, $"{when}: the box is {m[3]} px tall ({m[3] / m[4]:0.0} rows)");
            Assert.True(m[5] == pageY, $"{when}: the page scrolled from {pageY} to {m[5]}");
            Assert.True(m[6] > 0, $"{when}: the box does not scroll, so the list was not cut");
        }

        // The first steps are the agents' notes (a host candidate gathered) before any packet: no row is current yet.
        async Task ToFirstPacket()
        {
            for (var k = 0; k < 10 && await player.Locator(".nlp-packets tr.nlp-current").CountAsync() == 0; k++) await page.Keyboard.PressAsync("ArrowRight");
        }
        await ToFirstPacket();
        await Check("at the first packet", scrolled: false);
        // To the last step as the slider does (an input event; Playwright's fill would scroll the page to the slider by itself).
        await player.EvaluateAsync("(p, k) => { const s = p.querySelector('[data-act=slider]'); s.value = k; s.dispatchEvent(new Event('input')); }", steps - 1);
        Assert.Equal((steps - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await player.GetAttributeAsync("data-current"));
        await Check("at the last step", scrolled: true);
        for (var k = 0; k < 40; k++) await page.Keyboard.PressAsync("ArrowLeft");
        await Check("40 steps back", scrolled: true);
        await page.Keyboard.PressAsync("Home");
        Assert.Equal("0", await player.GetAttributeAsync("data-current"));
        await ToFirstPacket();
        await Check("after Home", scrolled: false);
        await player.EvaluateAsync("(p, k) => { const s = p.querySelector('[data-act=slider]'); s.value = k; s.dispatchEvent(new Event('input')); }", steps / 2);
        await player.Locator(".nlp-packets-box").ScreenshotAsync(new() { Path = Path.Combine(Shots, "trace-player-packets-box.png") });   // this one scrolls the page

        Assert.Empty(errors);
    }
}
