using System.Globalization;
using Microsoft.Playwright;
using NatLearning.Book;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// Every chapter's player (04–09), as the notebooks make them, in Chromium at 1280×720 with the book's stylesheet:
/// at most 720 px tall, and at every step the highlighted packet (row and arrow) is the packet the trace says that step
/// is about, the drop marks shown are the drops that have happened, and the state shown is the one C# computed.
/// </summary>
public sealed class ChapterPlayerBrowserTests
{
    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

    public static TheoryData<string> Chapters => ["04", "05", "06", "08", "09"];

    private static TracePlayer Player(string chapter) => chapter switch
    {
        "04" => ChapterPlayers.Hole().ToPlayer("The hole, one event at a time"),
        "05" => ChapterPlayers.Punch().Network.ToPlayer("STUN, rendezvous, punch"),
        "06" => ChapterPlayers.LossyStun().Network.ToPlayer("A STUN transaction on a lossy link"),
        "08" => ChapterPlayers.Turn().ToPlayer("TURN: allocate, permit, bind a channel, relay"),
        "09" => ChapterPlayers.Ice().ToPlayer("ICE: discover, test, choose"),
        _ => throw new ArgumentOutOfRangeException(nameof(chapter), chapter, "no player for this chapter"),
    };

    // The book's page around one output, so the player is measured with the stylesheet and column width it has there.
    private static async Task<(IPlaywright, IBrowser, IPage, List<string>)> OpenAsync(string html)
    {
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.SetContentAsync($"<!doctype html><html><head><meta charset=\"utf-8\"><style>{BookStyles.Css}</style></head><body><main><div class=\"output\">{html}</div><div class=\"output\">{NextOutput}</div></main></body></html>");
        return (playwright, browser, page, errors);
    }

    // A view after the player brings the views' stylesheet again, later in the page, as in a chapter; the player's
    // compact tables must still win over it (the views' dark 15 px table headers made the state column overflow).
    private static readonly string NextOutput = Html.View("<table><tr><th>next output</th></tr></table>");

    private static async Task<double> HeightAsync(ILocator player) => await player.EvaluateAsync<double>("p => p.getBoundingClientRect().height");

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task Each_step_highlights_its_own_packet_and_the_player_fits_one_screen(string chapter)
    {
        var player = Player(chapter);
        var (playwright, browser, page, errors) = await OpenAsync(TracePlayerHtml.Render(player));
        using var _ = playwright;
        await using var __ = browser;
        var root = page.Locator(".nl-player");
        var steps = player.Timeline.Steps;
        var packetNumber = steps.Where(s => s.Event.IsWirePacket).Select((s, k) => (s.Index, k + 1)).ToDictionary(p => p.Index, p => p.Item2);
        var drops = steps.Where(s => s.Event.Kind == TraceEventKind.Dropped).Select(s => s.Index).ToList();

        var height = await HeightAsync(root);
        Assert.True(height <= 720, $"chapter {chapter}: the player is {height:0} px tall at 1280×720");
        var header = await root.EvaluateAsync<string[]>("p => { const th = getComputedStyle(p.querySelector('.nlp-packets th')); return [th.fontSize, th.backgroundColor]; }");
        Assert.True(header[0] == "13px" && header[1] != "rgb(38, 50, 56)", $"chapter {chapter}: the packet list's header is {header[0]} on {header[1]}, the views' style and not the player's");
        await root.EvaluateAsync("p => { p.scrollIntoView({ block: 'start' }); p.focus({ preventScroll: true }); }");
        for (var i = 0; i < steps.Count; i++)
        {
            if (i > 0) await page.Keyboard.PressAsync("ArrowRight");
            // [current step, highlighted row's No., highlighted arrow's step, rows highlighted, dropped arrows shown, details shown, player height]
            var seen = await root.EvaluateAsync<double[]>("""
                p => { const row = p.querySelectorAll('.nlp-packets tr.nlp-current'), arrow = p.querySelector('.nlp-arrow.nlp-current');
                       return [+p.dataset.current, row.length ? +row[0].cells[0].textContent : 0, arrow ? +arrow.dataset.step : -1, row.length,
                               p.querySelectorAll('.nlp-arrow.nlp-dropped').length, p.querySelectorAll('.nlp-step:not([hidden])').length,
                               p.getBoundingClientRect().height]; }
                """);
            var s = steps[i];
            Assert.Equal(i, (int)seen[0]);
            var expected = s.WireStep >= 0 ? packetNumber[s.WireStep] : 0;
            Assert.True(expected == (int)seen[1], $"chapter {chapter}, step {i + 1} ({s.Event.Kind} at {s.Event.Node}): packet {seen[1]} is highlighted, the trace says packet {expected}");
            Assert.Equal(s.WireStep, (int)seen[2]);
            Assert.Equal(s.WireStep >= 0 ? 1 : 0, (int)seen[3]);
            Assert.True(drops.Count(d => d <= i) == (int)seen[4], $"chapter {chapter}, step {i + 1}: {seen[4]} drop marks shown, {drops.Count(d => d <= i)} drops have happened");
            Assert.Equal(1, (int)seen[5]);
            Assert.True(Math.Abs(seen[6] - height) < 0.5, $"chapter {chapter}, step {i + 1}: the player's height changed from {height:0} to {seen[6]:0} px");
        }
        // The state panel shown at the last step is the one C# wrote for it: same tables, same first cells.
        var shownTables = await root.Locator(".nlp-state-panel:not([hidden]) .nlp-table").CountAsync();
        Assert.Equal(steps[^1].Tables.Count + steps[^1].States.Count(t => player.ShowsStateOf(t.Table)), shownTables);
        await root.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"player-{chapter}.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_nat_types_player_shows_each_verdict_at_its_packet_and_fits_one_screen()
    {
        var types = NatTypes.Run();
        var (playwright, browser, page, errors) = await OpenAsync(NatTypesPlayerHtml.Render(types.ToPlayer()));
        using var _ = playwright;
        await using var __ = browser;
        var root = page.Locator(".nl-player");
        var height = await HeightAsync(root);
        Assert.True(height <= 720, $"the NAT types player is {height:0} px tall at 1280×720");
        for (var i = 0; i < types.Steps.Count; i++)
        {
            if (i > 0) await root.Locator("[data-act=fwd]").ClickAsync();
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), await root.GetAttributeAsync("data-current"));
            var visible = root.Locator(".nlp-step:not([hidden])");
            Assert.Equal(1, await visible.CountAsync());
            for (var k = 0; k < 4; k++)
            {
                var o = types.Steps[i].Outcomes[k];
                var column = visible.Locator(".nlt-nat").Nth(k);
                Assert.StartsWith(o.Verdict, await column.Locator("p").First.InnerTextAsync(), StringComparison.Ordinal);
                // Only the verdicts so far: no mark for a packet not sent yet.
                Assert.Equal(i + 1, (await column.Locator(".nlt-score").InnerTextAsync()).Count(c => c is '✔' or '✗'));
            }
            Assert.True(Math.Abs(await HeightAsync(root) - height) < 0.5, $"packet {i + 1}: the player's height changed");
        }
        await root.ScreenshotAsync(new() { Path = Path.Combine(Shots, "player-07.png") });
        Assert.Empty(errors);
    }
}
