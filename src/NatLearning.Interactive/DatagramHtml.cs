using System.Text;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>A datagram a protocol machine sends or receives: the two endpoints and the size in bold, then the payload (a STUN dissection, text, or bytes).</summary>
public static class DatagramHtml
{
    public static string Render(Datagram d) => Html.View(Body(d));

    internal static string Body(Datagram d) =>
        new Card($"{Html.E(d.Local.ToString())} ⇄ {Html.E(d.Remote.ToString())}, {Html.E(Fold.Count(d.Payload.Length, "byte", "bytes"))}", nameof(Datagram))
            .Section(Payload(d.Payload.Span))
            .Body();

    /// <summary>What a student wants to see of a payload: STUN decoded, readable text as text, and the bytes on request.</summary>
    internal static string Payload(ReadOnlySpan<byte> payload)
    {
        var sb = new StringBuilder();
        if (StunMessage.IsStun(payload))
            sb.Append("<pre class=\"hex\">").Append(Html.E(Dissect(payload))).Append("</pre>");
        else if (Text(payload) is { } text)
            sb.Append("<div class=\"nl-sub\">“").Append(Html.E(text)).Append("”</div>");
        if (payload.Length > 0)
            sb.Append("<details><summary>bytes</summary><pre class=\"hex\">").Append(Html.E(PacketDissection.HexDump(payload))).Append("</pre></details>");
        return sb.ToString();
    }

    private static string Dissect(ReadOnlySpan<byte> payload)
    {
        try { return StunDissection.Dissect(payload); }
        catch (StunFormatException e) { return "Not a valid STUN message: " + e.Message; }
    }

    // Printable UTF-8 (the chapters' "hello" messages) reads better as text than as hex.
    private static string? Text(ReadOnlySpan<byte> payload)
    {
        if (payload.Length is 0 or > 2000) return null;
        try
        {
            var s = new UTF8Encoding(false, true).GetString(payload);
            return s.All(ch => !char.IsControl(ch) || ch is '\n' or '\t') ? s : null;
        }
        catch (DecoderFallbackException) { return null; }
    }
}
