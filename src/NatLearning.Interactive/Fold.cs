using System.Globalization;
using System.Text;

namespace NatLearning.Interactive;

/// <summary>
/// Keeps outputs within a projector screen: long tables show their first rows and a "show all N rows" toggle, tall
/// views are clipped behind "show all", and every table sits in its own horizontal scroll box so the page never
/// scrolls sideways.
/// </summary>
internal static class Fold
{
    /// <summary>A table with more rows than this is folded ...</summary>
    public const int Limit = 15;

    /// <summary>... to this many rows (about 600 px of packet list).</summary>
    public const int Shown = 10;

    /// <summary>A table (its opening tag and thead in <paramref name="head"/>, each row a <c>&lt;tr</c> string) folded when long, in a scroll box.</summary>
    public static string Table(string head, IReadOnlyList<string> rows)
    {
        var sb = new StringBuilder();
        var fold = rows.Count > Limit;
        if (fold) sb.Append("<div class=\"nl-fold\">").Append(Toggle($"show all {rows.Count} rows", $"show the first {Shown} rows only"));
        sb.Append("<div class=\"nl-scroll\">").Append(head).Append("<tbody>");
        for (var i = 0; i < rows.Count; i++) sb.Append(fold && i >= Shown ? Rest(rows[i]) : rows[i]);
        sb.Append("</tbody></table></div>");
        if (fold) sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>Any HTML in a horizontal scroll box of its own.</summary>
    public static string Scroll(string html) => $"<div class=\"nl-scroll\">{html}</div>";

    /// <summary>A view expected to be taller than a screen: clipped to <paramref name="height"/> px (820 unless the view has more above it) behind "show all" (the content is laid out, only hidden, so diagrams inside render).</summary>
    public static string Clip(string html, string what, int height = 820) =>
        $"<div class=\"nl-clip\">{Toggle("show all " + what, "show less")}<div class=\"nl-clip-body\" style=\"--nl-clip:{height}px\">{html}</div></div>";

    /// <summary>
    /// A rough height in pixels at 1280 px wide, to decide whether to clip (measured on the book: a packet row with its
    /// hop and NAT lines is about 65 px, a NAT row 35 px, a diagram 150 px plus 45 px an arrow, a line of prose 26 px
    /// per 110 characters).
    /// </summary>
    public static int EstimateHeight(IEnumerable<string> text, int packetRows, IEnumerable<int> natTableRows, int diagramArrows) =>
        text.Sum(t => 26 * (1 + t.Length / 110)) + 45 + (packetRows == 0 ? 30 : 40 + Math.Min(packetRows, Shown + 1) * 65)
        + natTableRows.Sum(n => 90 + Math.Min(n, Shown + 1) * 35) + (diagramArrows > 0 ? 190 + diagramArrows * 45 : 0);

    private static string Toggle(string show, string hide) =>
        $"<details class=\"nl-more\"><summary><span class=\"nl-show\">▾ {Html.E(show)}</span><span class=\"nl-hide\">▴ {Html.E(hide)}</span></summary></details>";

    private static string Rest(string row) => row.StartsWith("<tr class=\"", StringComparison.Ordinal)
        ? "<tr class=\"nl-rest " + row["<tr class=\"".Length..]
        : "<tr class=\"nl-rest\"" + row["<tr".Length..];

    internal static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
