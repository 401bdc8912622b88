using System.Text;

namespace NatLearning.Stun;

/// <summary>
/// SASLprep (RFC 4013), the string preparation STUN applies to passwords and realms before hashing them into a key
/// (RFC 5389 §15.4; RFC 8489 §9.2.2 calls the newer equivalent OpaqueString, RFC 8265). Steps: map soft hyphens and
/// other "nothing" characters away, non-ASCII spaces to U+0020, apply NFKC, then refuse prohibited characters.
/// </summary>
/// <remarks>
/// The library runs with invariant globalization, where <see cref="string.Normalize()"/> cannot do NFKC, so the NFKC
/// step uses a table of the compatibility characters that occur in practice (ª º ¹ ² ³ µ, Roman numerals, full-width
/// ASCII, ligatures, super- and subscript digits). Canonical composition of combining marks and the bidi rule are
/// not applied. This covers RFC 5769 §2.4: "The&lt;U+00AD&gt;M&lt;U+00AA&gt;tr&lt;U+2168&gt;" becomes "TheMatrIX".
/// </remarks>
public static class SaslPrep
{
    private static readonly Dictionary<int, string> Compatibility = BuildCompatibility();

    /// <summary>Prepares a stored string (password, realm); a prohibited character gives an ArgumentException naming it.</summary>
    public static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~')) return text;   // printable ASCII maps to itself
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            int cp;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) cp = char.ConvertToUtf32(text[i], text[++i]);
            else if (char.IsSurrogate(text[i])) throw Prohibited(text[i], "an unpaired surrogate");
            else cp = text[i];

            if (IsMappedToNothing(cp)) continue;                    // RFC 4013 §2.2, stringprep table B.1
            if (IsNonAsciiSpace(cp)) { sb.Append(' '); continue; }   // RFC 4013 §2.1, table C.1.2
            if (Compatibility.TryGetValue(cp, out var replacement)) { sb.Append(replacement); continue; } // NFKC (§2.2)
            if (ProhibitedReason(cp) is { } why) throw Prohibited(cp, why);    // RFC 4013 §2.3
            if (cp < 0x10000) sb.Append((char)cp);
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private static ArgumentException Prohibited(int cp, string why) =>
        new($"SASLprep: U+{cp:X4} is {why} and may not appear in a STUN password or realm (RFC 4013 §2.3).", "text");

    private static bool IsMappedToNothing(int cp) =>
        cp is 0x00AD or 0x034F or 0x1806 or >= 0x180B and <= 0x180D or >= 0x200B and <= 0x200D or 0x2060 or >= 0xFE00 and <= 0xFE0F or 0xFEFF;

    private static bool IsNonAsciiSpace(int cp) =>
        cp is 0x00A0 or 0x1680 or >= 0x2000 and <= 0x200A or 0x202F or 0x205F or 0x3000;

    private static string? ProhibitedReason(int cp) => cp switch
    {
        < 0x20 or 0x7F => "a control character",
        >= 0x80 and <= 0x9F or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D or 0x2028 or 0x2029 or >= 0x2060 and <= 0x2063
            or >= 0x206A and <= 0x206F or 0xFEFF or >= 0xFFF9 and <= 0xFFFC or >= 0x1D173 and <= 0x1D17A => "a control character",
        >= 0xE000 and <= 0xF8FF or >= 0xF0000 and <= 0xFFFFD or >= 0x100000 and <= 0x10FFFD => "a private-use character",
        >= 0xFDD0 and <= 0xFDEF => "a non-character",
        _ when (cp & 0xFFFE) == 0xFFFE => "a non-character",
        0xFFFD => "inappropriate for plain text",
        >= 0x2FF0 and <= 0x2FFB => "an ideographic description character",
        0x0340 or 0x0341 or 0x200E or 0x200F or >= 0x202A and <= 0x202E => "a display-changing character",
        0xE0001 or >= 0xE0020 and <= 0xE007F => "a tagging character",
        _ => null,
    };

    private static Dictionary<int, string> BuildCompatibility()
    {
        var d = new Dictionary<int, string>
        {
            [0x00AA] = "a", [0x00BA] = "o", [0x00B9] = "1", [0x00B2] = "2", [0x00B3] = "3", [0x00B5] = "\u03BC",
            [0x00BC] = "1\u20444", [0x00BD] = "1\u20442", [0x00BE] = "3\u20444", [0x017F] = "s",
            [0x2122] = "TM", [0x2026] = "...", [0x2070] = "0", [0x2071] = "i", [0x207F] = "n",
            [0x2126] = "\u03A9", [0x212A] = "K", [0x212B] = "\u00C5",
            [0xFB00] = "ff", [0xFB01] = "fi", [0xFB02] = "fl", [0xFB03] = "ffi", [0xFB04] = "ffl", [0xFB05] = "st", [0xFB06] = "st",
        };
        string[] roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "L", "C", "D", "M"];
        for (var i = 0; i < roman.Length; i++)
        {
            d[0x2160 + i] = roman[i];
            d[0x2170 + i] = roman[i].ToLowerInvariant();
        }
        for (var i = 4; i <= 9; i++) d[0x2070 + i] = ((char)('0' + i)).ToString();
        for (var i = 0; i <= 9; i++) d[0x2080 + i] = ((char)('0' + i)).ToString();
        for (var cp = 0xFF01; cp <= 0xFF5E; cp++) d[cp] = ((char)(cp - 0xFEE0)).ToString();   // full-width ASCII
        return d;
    }
}
