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
pre code { background: none; padding: 0; }
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
/* An output taller than the script's limit is cut to a fixed height until "Show all" is pressed. */
.output.collapsed { max-height: 640px; overflow-y: hidden; -webkit-mask-image: linear-gradient(to bottom, #000 85%, transparent); mask-image: linear-gradient(to bottom, #000 85%, transparent); }
button.show-all { display: block; margin: -.6em 0 1em; font-size: 16px; padding: .25em 1em; cursor: pointer; }
/* Presenter mode (key p): one section at a time and everything 1.4 times larger (body text 27 px, tables 21 px), for the back row at 1280×720. */
nav.book .slide-no { font-weight: 700; font-variant-numeric: tabular-nums; }
body.presenter nav.book { font-size: 20px; padding: .3em 1.2em; }
body.presenter nav.book button.present { background: #ffca28; font-weight: 700; }
body.presenter main { max-width: none; zoom: 1.4; padding: .3em 1.2em 2em; }
body.presenter main .slide-first { margin-top: .4em; }
body.presenter .off { display: none !important; }
body.presenter .nl.nl-presenter { zoom: 1; }
/* A trace player is laid out to fit a 1280×720 screen whole (controls, packet, details, NAT tables); enlarged it would not. */
body.presenter .output:has(.nl-player) { zoom: calc(1 / 1.4); }   /* a view a notebook enlarged (Course.Presenter) is not enlarged twice */
""";

    /// <summary>
    /// Draws every Mermaid block with the vendored mermaid.js, then marks the page so a checker knows drawing finished.
    /// Collapsing code is a page-wide toggle because teachers switch between "show code" and "show results".
    /// Presenter mode shows one section (a <c>##</c> heading and everything up to the next) at a time; its number is
    /// kept in the address (<c>#present-3</c>) so a reload stays there. A view that has the focus (a trace player)
    /// keeps its own arrow keys; PageUp/PageDown, which a clicker sends, always move between sections.
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

var TALL = 1000;
// Measured in the page, once each output is visible (drawn diagrams change heights; hidden ones measure 0).
function collapseTall() {
  document.querySelectorAll('main .output:not([data-measured])').forEach(function (o) {
    if (!o.offsetParent || o.querySelector('.nl-player')) return;   // a player keeps its own height
    o.setAttribute('data-measured', '');
    var h = o.scrollHeight;
    if (h <= TALL) return;
    o.classList.add('collapsed');
    var b = document.createElement('button');
    b.className = 'show-all';
    var label = function () { b.textContent = o.classList.contains('collapsed') ? 'Show all (' + Math.round(h) + ' px) ▾' : 'Collapse ▴'; };
    b.onclick = function () { o.classList.toggle('collapsed'); label(); };
    label();
    o.after(b);
  });
}
window.addEventListener('DOMContentLoaded', collapseTall);
window.addEventListener('load', collapseTall);
document.addEventListener('toggle', collapseTall, true);

var slides = null, slide = 0;
function sections() {
  if (slides) return slides;
  slides = [[]];
  var main = document.querySelector('main');
  if (!main) return slides;
  Array.prototype.forEach.call(main.children, function (cell) {
    var parts = cell.classList.contains('markdown') ? Array.prototype.slice.call(cell.children) : [cell];
    parts.forEach(function (el) {
      if (el.tagName === 'H2' && slides[slides.length - 1].length) slides.push([]);
      slides[slides.length - 1].push(el);
    });
  });
  return slides;
}
function presenting() { return document.body.classList.contains('presenter'); }
function showSlide(k) {
  var s = sections();
  slide = Math.max(0, Math.min(s.length - 1, k));
  s.forEach(function (els, i) {
    els.forEach(function (el, j) { el.classList.toggle('off', i !== slide); el.classList.toggle('slide-first', i === slide && j === 0); });
  });
  document.querySelectorAll('main > .cell.markdown').forEach(function (c) {
    c.classList.toggle('off', !Array.prototype.some.call(c.children, function (el) { return !el.classList.contains('off'); }));
  });
  document.querySelectorAll('nav.book .slide-no').forEach(function (n) { n.textContent = (slide + 1) + ' / ' + s.length; });
  history.replaceState(null, '', '#present-' + (slide + 1));
  window.scrollTo(0, 0);
  navHeight();
  collapseTall();
  window.dispatchEvent(new Event('resize'));   // charts first drawn while hidden take their size now
}
// Entering starts at the section at the top of the window, so p continues where the reader was.
function enterPresenter(k) {
  var s = sections(), top = (document.querySelector('nav.book') || document.body).getBoundingClientRect().bottom + 8;
  if (k === undefined) {
    k = 0;
    s.forEach(function (els, i) { var first = els.find(function (el) { return el.offsetParent; }); if (first && first.getBoundingClientRect().top <= top) k = i; });
  }
  document.body.classList.add('presenter');
  showSlide(k);
}
function leavePresenter() {
  var first = sections()[slide][0];
  document.body.classList.remove('presenter');
  document.querySelectorAll('main .off, main .slide-first').forEach(function (el) { el.classList.remove('off', 'slide-first'); });
  document.querySelectorAll('nav.book .slide-no').forEach(function (n) { n.textContent = ''; });
  history.replaceState(null, '', first && first.id ? '#' + first.id : location.pathname + location.search);
  navHeight();
  if (first && slide > 0) first.scrollIntoView(); else window.scrollTo(0, 0);
}
function togglePresenter() { if (presenting()) leavePresenter(); else enterPresenter(); }
function slideFromHash() {
  var m = /^#present-(\d+)$/.exec(location.hash);
  if (m) { enterPresenter(+m[1] - 1); return; }
  var target = presenting() && location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) sections().forEach(function (els, i) { if (els.some(function (el) { return el.contains(target); })) showSlide(i); });
}
window.addEventListener('hashchange', slideFromHash);
// After the diagrams are drawn (drawing needs them visible), a reload of #present-N comes back to section N.
new MutationObserver(function (_, observer) {
  if (!document.body.hasAttribute('data-mermaid')) return;
  observer.disconnect();
  collapseTall();
  slideFromHash();
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-mermaid'] });
document.addEventListener('keydown', function (e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  var t = e.target, tag = t.tagName || '';
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable) return;
  var inView = t !== document.body && t.closest && t.closest('.output');
  var last = sections().length - 1;
  if (e.key === 'p' || e.key === 'P') togglePresenter();
  else if (!presenting()) return;
  else if (e.key === 'Escape') leavePresenter();
  else if (e.key === 'PageDown' || (!inView && e.key === 'ArrowRight')) showSlide(slide + 1);
  else if (e.key === 'PageUp' || (!inView && e.key === 'ArrowLeft')) showSlide(slide - 1);
  else if (!inView && e.key === 'Home') showSlide(0);
  else if (!inView && e.key === 'End') showSlide(last);
  else return;
  e.preventDefault();
});
""";
}
