using System.Globalization;
using System.Text;

namespace NatLearning.Turn;

/// <summary>
/// Text a client wrote (USERNAME, REALM, SOFTWARE …) made safe for a log line or a terminal: control characters,
/// escape sequences and invisible format characters (bidi overrides, line separators) come out as \xNN or \uNNNN, so a
/// datagram can neither paint the operator's terminal nor forge a second log line.
/// </summary>
public static class ClientText
{
    /// <summary>The text in double quotes, with <c>\</c> and <c>"</c> escaped too so the quoted part cannot be faked.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var b = new StringBuilder(text.Length + 2).Append('"');
        foreach (var r in text.EnumerateRunes())
        {
            if (r.Value is '\\' or '"') b.Append('\\').Append((char)r.Value);
            else Append(b, r);
        }
        return b.Append('"').ToString();
    }

    /// <summary>Only the dangerous characters escaped; printable text (and already escaped text) is left as it is.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscape(text)) return text;   // the common case: no copy
        var b = new StringBuilder(text.Length + 8);
        foreach (var r in text.EnumerateRunes()) Append(b, r);
        return b.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        foreach (var r in text.EnumerateRunes())
            if (IsUnsafe(r)) return true;
        return false;
    }

    private static void Append(StringBuilder b, Rune r)
    {
        if (!IsUnsafe(r)) b.Append(r.ToString());
        else if (r.Value <= 0xFF) b.Append(CultureInfo.InvariantCulture, $"\\x{r.Value:x2}");
        else b.Append(CultureInfo.InvariantCulture, $"\\u{r.Value:x4}");
    }

    // Cc: C0, DEL and C1 (ESC, CSI …); Cf: bidi overrides, zero-width joiners; Zl/Zp: U+2028/U+2029 line breaks; a lone
    // surrogate (from bad UTF-16) shows as U+FFFD through EnumerateRunes already.
    private static bool IsUnsafe(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
