namespace NatLearning.Book;

/// <summary>The book's stylesheet and page script. Large type and strong contrast: these pages are read on a projector.</summary>
internal static class BookStyles
{
    public const string Css = """
/* Whatever a reader jumps to (a contents link, find in page, a focused control) stops below the sticky bar, whose height the script measures. */
html { scroll-padding-top: calc(var(--nav-height, 2.75rem) + .6rem); }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 19px; line-height: 1.5; color: #111; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 1em 2em 4em; }
nav.book { position: sticky; top: 0; z-index: 10; background: #263238; color: #fff; padding: .5em 2em; display: flex; flex-wrap: wrap; gap: .3em 1.5em; align-items: center; font-size: 17px; }
nav.book a { color: #fff; text-decoration: none; font-weight: 600; }
nav.book a:hover { text-decoration: underline; }
nav.book .spacer { flex: 1; }
nav.book button { font-size: 15px; padding: .2em .8em; cursor: pointer; }
h1 { font-size: 2em; border-bottom: 3px solid #263238; padding-bottom: .2em; }
h2 { font-size: 1.5em; margin-top: 1.6em; }
code { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: .92em; background: #f1f3f4; padding: 0 .2em; }
.cell { margin: .8em 0; }
details.code { border-left: 5px solid #1565c0; background: #f5f8fc; margin: .5em 0; }
details.code > summary { cursor: pointer; padding: .25em .6em; color: #1565c0; font-size: .8em; font-weight: 600; }
details.code pre { margin: 0; padding: .5em 1em; overflow-x: auto; font-size: 16px; }
.output { margin: .3em 0 1em 0; overflow-x: auto; }
.output pre { font-size: 15px; background: #fafafa; border: 1px solid #e0e0e0; padding: .5em; overflow-x: auto; }
.output pre.stderr, .output pre.error { background: #ffebee; border-color: #e57373; color: #b71c1c; }
table { border-collapse: collapse; }
.markdown table td, .markdown table th { border: 1px solid #bbb; padding: .2em .6em; }
ol.toc { font-size: 1.2em; }
ol.toc li { margin: .4em 0; }
ol.toc .time { color: #555; font-size: .75em; }
ol.toc ul.sections { font-size: .8em; columns: 2; column-gap: 2em; margin: .2em 0 .8em; padding-left: 1.2em; }
ol.toc ul.sections li { margin: 0; padding: .1em 0; break-inside: avoid; }
details.solution, details.answer { border-left: 5px solid #2e7d32; background: #f1f8e9; margin: .6em 0; padding: .2em .8em; }
details.solution > summary, details.answer > summary { cursor: pointer; color: #1b5e20; font-weight: 700; }
details.solution pre { font-size: 16px; overflow-x: auto; }
.cell.solution-run details.code { border-left-color: #2e7d32; background: #f1f8e9; }
footer.pager { display: flex; justify-content: space-between; margin-top: 3em; font-size: 1.1em; }
""";

    /// <summary>
    /// Draws every Mermaid block with the vendored mermaid.js, then marks the page so a checker knows drawing finished.
    /// Collapsing code is a page-wide toggle because teachers switch between "show code" and "show results".
    /// </summary>
    public const string Script = """
function toggleCode(open) { document.querySelectorAll('details.code').forEach(function (d) { d.open = open; }); }
function navHeight() {
  var nav = document.querySelector('nav.book');
  if (nav) document.documentElement.style.setProperty('--nav-height', nav.offsetHeight + 'px');
}
window.addEventListener('resize', navHeight);
window.addEventListener('DOMContentLoaded', function () {
  navHeight();
  var done = function (state) { document.body.setAttribute('data-mermaid', state); };
  var nodes = document.querySelectorAll('.mermaid');
  if (!nodes.length || !window.mermaid) { done(nodes.length ? 'missing' : 'none'); return; }
  window.mermaid.initialize({ startOnLoad: false });
  window.mermaid.run({ nodes: nodes }).then(function () { done('done'); }, function (e) { console.error(e); done('failed'); });
});
""";
}
