using System.Text;
using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>A STUN message as Wireshark dissects it: the header fields, every attribute decoded (XOR addresses shown decoded), and the bytes.</summary>
public static class StunMessageHtml
{
    public static string Render(StunMessage message)
    {
        var raw = message.Raw.Span;
        var sb = new StringBuilder($"<h3>STUN {Html.E(message.Method.ToString())} {Html.E(message.Class.ToString())}</h3>");
        sb.Append("<pre class=\"hex\">").Append(Html.E(StunDissection.Dissect(raw))).Append("</pre>");
        sb.Append("<details><summary>bytes</summary><pre class=\"hex\">").Append(Html.E(PacketDissection.HexDump(raw))).Append("</pre></details>");
        return Html.View(sb.ToString());
    }
}
