using System.Text;

namespace NatLearning.Interactive;

/// <summary>How a card's verdict reads: a success, a failure, a warning, or plain information.</summary>
internal enum Tone { Info, Ok, Bad, Warn }

/// <summary>
/// A compact card: the answer a student is looking for in bold at the top, a line of context under it, then a
/// two-column table of details and any further sections. Every value a chapter shows that is not a table is one.
/// </summary>
internal sealed class Card
{
    private readonly string _verdict;
    private readonly Tone _tone;
    private readonly string _kind;
    private readonly StringBuilder _sub = new();
    private readonly List<(string Label, string Value)> _rows = [];
    private readonly StringBuilder _sections = new();

    /// <param name="verdict">Already-encoded HTML of the verdict line.</param>
    /// <param name="kind">The type's name, shown small in the corner so a student knows what they are looking at.</param>
    public Card(string verdict, string kind, Tone tone = Tone.Info)
    {
        _verdict = verdict;
        _kind = kind;
        _tone = tone;
    }

    /// <summary>A line of context under the verdict (HTML).</summary>
    public Card Sub(string html)
    {
        _sub.Append("<div class=\"nl-sub\">").Append(html).Append("</div>");
        return this;
    }

    /// <summary>A detail row; a null value leaves the row out.</summary>
    public Card Row(string label, string? valueHtml)
    {
        if (valueHtml is not null) _rows.Add((label, valueHtml));
        return this;
    }

    /// <summary>Any further HTML under the details (a list, a folded table, a dissection).</summary>
    public Card Section(string html)
    {
        _sections.Append(html);
        return this;
    }

    /// <summary>The card without the stylesheet, to sit inside a larger view.</summary>
    public string Body()
    {
        var tone = _tone switch { Tone.Ok => " ok", Tone.Bad => " bad", Tone.Warn => " warn", _ => "" };
        var sb = new StringBuilder($"<div class=\"nl-card{tone}\"><span class=\"nl-kind\">{Html.E(_kind)}</span><div class=\"nl-verdict\">{_verdict}</div>");
        sb.Append(_sub);
        if (_rows.Count > 0)
        {
            sb.Append("<div class=\"nl-scroll\"><table class=\"kv\"><tbody>");
            foreach (var (label, value) in _rows) sb.Append("<tr><td>").Append(Html.E(label)).Append("</td><td class=\"wrap\">").Append(value).Append("</td></tr>");
            sb.Append("</tbody></table></div>");
        }
        return sb.Append(_sections).Append("</div>").ToString();
    }

    /// <summary>The card as a whole output, with the stylesheet.</summary>
    public string Render() => Html.View(Body());

    /// <summary>The tone of a yes/no/unknown answer.</summary>
    public static Tone Of(bool? success) => success switch { true => Tone.Ok, false => Tone.Bad, null => Tone.Warn };
}
