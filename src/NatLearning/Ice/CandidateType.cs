namespace NatLearning.Ice;

/// <summary>The four kinds of candidate (RFC 8445 §5.1.1), each a way the peer might reach us.</summary>
public enum CandidateType
{
    /// <summary>An address on the host's own interface.</summary>
    Host,
    /// <summary>Our NAT's public address as a STUN server saw it.</summary>
    ServerReflexive,
    /// <summary>An address the peer saw our checks come from, learned during the checks.</summary>
    PeerReflexive,
    /// <summary>An address on a TURN relay.</summary>
    Relayed,
}

/// <summary>Type preferences and the short names SDP and the Trickle ICE page use.</summary>
public static class CandidateTypes
{
    /// <summary>The recommended type preference (RFC 8445 §5.1.2.2): host 126, peer-reflexive 110, server-reflexive 100, relayed 0.</summary>
    public static int Preference(this CandidateType type) => type switch
    {
        CandidateType.Host => 126,
        CandidateType.PeerReflexive => 110,
        CandidateType.ServerReflexive => 100,
        CandidateType.Relayed => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a candidate type."),
    };

    /// <summary>"host", "srflx", "prflx", "relay" (RFC 8839 §5.1).</summary>
    public static string SdpName(this CandidateType type) => type switch
    {
        CandidateType.Host => "host",
        CandidateType.ServerReflexive => "srflx",
        CandidateType.PeerReflexive => "prflx",
        CandidateType.Relayed => "relay",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a candidate type."),
    };

    /// <summary>The type for an SDP name; an unknown name gives a FormatException listing the valid ones.</summary>
    public static CandidateType ParseSdpName(string name) => name switch
    {
        "host" => CandidateType.Host,
        "srflx" => CandidateType.ServerReflexive,
        "prflx" => CandidateType.PeerReflexive,
        "relay" => CandidateType.Relayed,
        _ => throw new FormatException($"Unknown candidate type '{name}'. Valid: host, srflx, prflx, relay."),
    };
}
