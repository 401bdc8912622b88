namespace NatLearning.Interactive;

/// <summary>
/// The stylesheet of cards (a value's verdict in bold, then its details), folded tables ("show all N rows"), clipped
/// tall outputs and horizontal scroll boxes. Pure CSS, so the toggles work in VS Code, Jupyter and the book without
/// any script: a closed <c>details.nl-more</c> hides what follows it (the sibling combinator), and flex order draws
/// the toggle below the table it folds.
/// </summary>
internal static class CardStyles
{
    public const string Css = """
<style>
.nl .nl-card { border: 1px solid #cfd8dc; border-left: 6px solid #546e7a; border-radius: 6px; padding: 6px 14px 8px; margin: .3em 0 .8em; max-width: 100%; box-sizing: border-box; overflow-wrap: break-word; }
.nl .nl-card.ok { border-left-color: #2e7d32; }
.nl .nl-card.bad { border-left-color: #c62828; }
.nl .nl-card.warn { border-left-color: #ef6c00; }
.nl .nl-kind { float: right; margin-left: 1em; color: #607d8b; font: 12px ui-monospace, Consolas, monospace; }
.nl .nl-verdict { font-size: 1.3em; font-weight: 700; margin: .15em 0 .2em; }
.nl .nl-card.ok .nl-verdict { color: #1b5e20; }
.nl .nl-card.bad .nl-verdict { color: #b71c1c; }
.nl .nl-sub { color: #37474f; margin: .1em 0 .35em; }
.nl .nl-card table { margin: .3em 0 .2em; }
.nl table.kv td { border-bottom: 1px solid #eceff1; }
.nl table.kv td:first-child { color: #546e7a; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; white-space: nowrap; }
.nl td.wrap { white-space: normal; overflow-wrap: break-word; min-width: 16em; }
.nl .nl-card ul, .nl .nl-card ol { margin: .2em 0 .3em; padding-left: 1.4em; }
.nl .nl-scroll { overflow-x: auto; max-width: 100%; }
.nl pre { max-width: 100%; overflow-x: auto; box-sizing: border-box; }
.nl .nl-fold, .nl .nl-clip { display: flex; flex-direction: column; align-items: stretch; max-width: 100%; }
.nl .nl-fold > .nl-scroll, .nl .nl-clip > .nl-clip-body { order: 1; }
.nl .nl-fold > details.nl-more, .nl .nl-clip > details.nl-more { order: 2; }
.nl details.nl-more:not([open]) + .nl-scroll tr.nl-rest { display: none; }
.nl details.nl-more:not([open]) + .nl-clip-body { max-height: var(--nl-clip, 820px); overflow: hidden; -webkit-mask-image: linear-gradient(to bottom, #000 88%, transparent); mask-image: linear-gradient(to bottom, #000 88%, transparent); }
.nl details.nl-more > summary { display: inline-block; margin: 2px 0 8px; padding: 3px 12px; border: 1px solid #90a4ae; border-radius: 14px; background: #eceff1; color: #0d47a1; font-weight: 600; list-style: none; }
.nl details.nl-more > summary::-webkit-details-marker { display: none; }
.nl details.nl-more[open] .nl-show, .nl details.nl-more:not([open]) .nl-hide { display: none; }
.nl .nl-bar { display: flex; height: 14px; max-width: 32em; border-radius: 7px; overflow: hidden; margin: .2em 0 .4em; background: #eceff1; }
.nl .nl-bar > span { display: block; height: 100%; }
.nl code.nl-value { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: 15px; }
</style>
""";
}
