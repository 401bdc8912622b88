namespace NatLearning.Interactive;

/// <summary>
/// The one stylesheet of every view. Sizes and contrast are chosen for a projector: large monospace text, strong
/// colours for protocols, and a red band that cannot be missed for dropped packets.
/// </summary>
internal static class Styles
{
    public const string Css = """
<style>
.nl { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 16px; color: #111; line-height: 1.35; }
.nl h3 { font-size: 1.25em; margin: .6em 0 .3em; }
.nl table { border-collapse: collapse; margin: .3em 0 .8em; font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: 15px; }
.nl th { background: #263238; color: #fff; text-align: left; padding: 4px 10px; font-weight: 600; }
.nl td { padding: 3px 10px; border-bottom: 1px solid #cfd8dc; vertical-align: top; }
.nl tr.proto-udp > td { background: #e3f2fd; }
.nl tr.proto-stun > td { background: #e8f5e9; }
.nl tr.proto-turn > td, .nl tr.proto-channeldata > td { background: #fff3e0; }
.nl tr.proto-other > td { background: #f3e5f5; }
.nl tr.dropped > td { background: #ffcdd2; }
.nl tr.nat-created > td { background: #c8e6c9; font-weight: 600; }
.nl tr.nat-hit > td { background: #fff59d; }
.nl tr.nat-expired > td { background: #eeeeee; color: #757575; text-decoration: line-through; }
.nl .drop { color: #b71c1c; font-weight: 700; }
.nl .nat { color: #1a237e; font-style: italic; }
.nl .hop { color: #455a64; font-size: .9em; }
.nl details > summary { cursor: pointer; }
.nl .fields td { border: none; padding: 1px 8px; background: transparent !important; }
.nl pre.hex { font-size: 13px; background: #fafafa; border: 1px solid #ddd; padding: 6px; margin: 4px 0; }
.nl .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #37474f; color: #fff; font-size: .85em; margin-right: 4px; }
.nl .story li { margin: .2em 0; }
.nl .mermaid-view pre.mermaid { background: #fff; }
/* Course.Presenter(): the view itself is drawn 1.4 times larger (sizes here are in px, so zoom is what scales them all). */
.nl.nl-presenter { zoom: 1.4; }
.nl textarea.mermaid-source { width: 100%; min-height: 8em; font-family: ui-monospace, Consolas, monospace; font-size: 13px; }
</style>
""";
}
