using System.Globalization;
using NatLearning.Ice;

namespace NatLearning.Interactive;

/// <summary>An ICE candidate: its type and address in bold, then its base, priority (with the RFC 8445 §5.1.2.1 parts) and its SDP line.</summary>
public static class CandidateHtml
{
    public static string Render(Candidate c) => Html.View(Body(c));

    internal static string Body(Candidate c) =>
        new Card($"{Html.E(c.Type.SdpName())} {Html.E(c.Address.ToString())}", nameof(Candidate))
            .Sub(Html.E(Describe(c.Type)))
            .Row("Base", c.Base.Equals(c.Address) ? null : Html.Code(c.Base))
            .Row("Related address", c.RelatedAddress is null ? null : Html.Code(c.RelatedAddress))
            .Row("Priority", $"{Html.Code(c.Priority)} = 2²⁴ × {c.Priority >> 24} + 2⁸ × {((c.Priority >> 8) & 0xFFFF).ToString(CultureInfo.InvariantCulture)} + {c.Priority & 0xFF} (type | local preference | 256 − component)")
            .Row("Foundation", Html.Code(c.Foundation))
            .Row("SDP", Html.Code("a=" + c.ToSdp()))
            .Body();

    private static string Describe(CandidateType t) => t switch
    {
        CandidateType.Host => "A host candidate: the address of the peer's own socket.",
        CandidateType.ServerReflexive => "A server-reflexive candidate: the public address a STUN server saw.",
        CandidateType.PeerReflexive => "A peer-reflexive candidate: an address learned from a connectivity check.",
        CandidateType.Relayed => "A relayed candidate: an address on a TURN server.",
        _ => t.ToString(),
    };
}
