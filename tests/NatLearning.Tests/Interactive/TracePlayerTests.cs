using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NatLearning.Book;
using NatLearning.HolePunching;
using NatLearning.Interactive;
using NatLearning.Nat;
using NatLearning.Tests.Book;
using NatLearning.Tracing;

namespace NatLearning.Tests.Interactive;

public class TracePlayerHtmlTests
{
    [Fact]
    public void Every_step_has_a_panel_and_every_packet_an_arrow_and_a_row()
    {
        var net = HolePunchExperiment.Run(NatChoice.Of(NatBehavior.PortRestrictedCone), NatChoice.Of(NatBehavior.PortRestrictedCone)).Network;
        var timeline = TraceTimeline.From(net);
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
        var net = HolePunchExperiment.Run(NatChoice.None, NatChoice.None).Network;
        var a = Regex.Match(TracePlayerHtml.Render(net.ToPlayer()), "id=\"(nlp\\d+)\"").Groups[1].Value;
        var b = Regex.Match(TracePlayerHtml.Render(net.ToPlayer()), "id=\"(nlp\\d+)\"").Groups[1].Value;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Long_traces_are_cut_with_a_note()
    {
        var net = HolePunchExperiment.Run(NatChoice.Of(NatBehavior.Symmetric), NatChoice.Of(NatBehavior.Symmetric)).Network;
        var html = TracePlayerHtml.Render(new TracePlayer(TraceTimeline.From(net), maxSteps: 10));
        Assert.Equal(10, Regex.Matches(html, "<div class=\"nlp-step ").Count);
        Assert.Contains("Showing the first 10 of", html);
    }
}

/// <summary>Clicks through an exported page in Chromium: the highlighted packet and the NAT table follow the steps.</summary>
[Collection(BookCollection.Name)]
public sealed class TracePlayerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Step_forward_and_back_move_the_highlight_and_the_tables()
    {
        if (!File.Exists(Chromium)) Assert.Skip($"Chromium not found at {Chromium}; install with: apt-get install -y chromium");
        var cancel = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("natlearn-player-").FullName;
        try
        {
            var notebooks = Directory.CreateDirectory(Path.Combine(dir, "notebooks")).FullName;
            var code = "using NatLearning.HolePunching;\nusing NatLearning.Nat;\nusing NatLearning.Interactive;\n" +
                       "var punch = HolePunchExperiment.Run(NatChoice.Of(NatBehavior.PortRestrictedCone), NatChoice.Of(NatBehavior.PortRestrictedCone));\n" +
                       "punch.Network.ToPlayer(\"first\")";
            TestNotebook.Write(Path.Combine(notebooks, "01-player.ipynb"), TestNotebook.Markdown("# Player"), TestNotebook.LoadCell, code, "punch.Network.ToPlayer(\"second\")");
            var book = Path.Combine(dir, "book");
            await new BookBuilder(new BookOptions { NotebooksDirectory = notebooks, OutputDirectory = book }, TextWriter.Null).BuildAsync(cancel);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium, Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync(new Uri(Path.Combine(book, "01-player.html")).AbsoluteUri);

            var players = page.Locator(".nl-player");
            Assert.Equal(2, await players.CountAsync());
            var first = players.Nth(0);
            var second = players.Nth(1);
            async Task<string?> Current(ILocator p) => await p.GetAttributeAsync("data-current");
            async Task<string> VisibleAliceTable(ILocator p) =>
                await p.Locator(".nlp-step:not([hidden]) .nlp-table[data-router=\"Alice's NAT\"]").InnerTextAsync();
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
            await first.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName, "trace-player.png") });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
