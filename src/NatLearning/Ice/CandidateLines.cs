using System.Globalization;
using System.Text;

namespace NatLearning.Ice;

/// <summary>
/// The candidate lines found in a text: an SDP offer or answer, lines copied from chrome://webrtc-internals or the Trickle
/// ICE page, or <c>onicecandidate</c> JSON. Shown as the Trickle ICE page's table, with what each candidate means; a line
/// that does not parse is kept with its line number and the reason.
/// </summary>
/// <example><code>CandidateLines.Parse(pastedFromMyBrowser)   // a notebook cell shows the table</code></example>
public sealed record CandidateLines(IReadOnlyList<CandidateAttribute> Candidates, IReadOnlyList<string> Errors)
{
    public static CandidateLines Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<CandidateAttribute>();
        var errors = new List<string>();
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            var start = line.IndexOf("candidate:", StringComparison.Ordinal);
            if (start < 0) continue;
            // Pasted JSON ({"candidate":"candidate:…",…}) or a quoted string: the line ends at the closing quote.
            var end = line.IndexOf('"', start);
            var body = line[start..(end < 0 ? line.Length : end)];
            if (start >= 2 && line[(start - 2)..start] == "a=") body = "a=" + body;
            try
            {
                candidates.Add(CandidateAttribute.Parse(body));
            }
            catch (FormatException e)
            {
                errors.Add($"line {n}: {e.Message}");
            }
        }
        return new CandidateLines(candidates, errors);
    }

    /// <summary>The table's columns, one row a candidate (the values as written, the priority split as RFC 8445 §5.1.2.1 builds it).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["#", "type", "transport", "address", "port", "priority (type | local | component)", "related", "extensions"];

    public IEnumerable<IReadOnlyList<string>> Rows() => Candidates.Select((c, i) => (IReadOnlyList<string>)
    [
        (i + 1).ToString(CultureInfo.InvariantCulture), c.Type, c.Transport, c.Address, c.Port.ToString(CultureInfo.InvariantCulture),
        $"{c.Priority} ({c.TypePreference} | {c.LocalPreference} | {c.ComponentFromPriority})",
        c.RelatedAddress is null ? "" : $"{c.RelatedAddress} {c.RelatedPort}",
        string.Join(" ", c.Extensions.Select(e => $"{e.Key}={e.Value}")),
    ]);

    /// <summary>The table as text, each row followed by what it means, then the lines that did not parse.</summary>
    public string ToText()
    {
        var rows = Rows().ToList();
        var widths = Columns.Select((h, k) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[k].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", Columns.Select((h, k) => h.PadRight(widths[k]))).TrimEnd());
        for (var i = 0; i < rows.Count; i++)
        {
            sb.AppendLine(string.Join("  ", rows[i].Select((v, k) => v.PadRight(widths[k]))).TrimEnd());
            sb.Append("    → ").AppendLine(Candidates[i].Meaning());
        }
        foreach (var e in Errors) sb.Append("not read: ").AppendLine(e);
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
