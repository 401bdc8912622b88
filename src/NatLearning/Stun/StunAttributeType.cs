namespace NatLearning.Stun;

/// <summary>
/// Attribute type codes from the IANA STUN registry: RFC 8489, RFC 5780 (behaviour discovery),
/// RFC 8445 (ICE) and RFC 8656 (TURN). Types below 0x8000 are comprehension-required (RFC 8489 §14).
/// </summary>
public enum StunAttributeType : ushort
{
    MappedAddress = 0x0001,
    ChangeRequest = 0x0003,
    Username = 0x0006,
    MessageIntegrity = 0x0008,
    ErrorCode = 0x0009,
    UnknownAttributes = 0x000A,
    ChannelNumber = 0x000C,
    Lifetime = 0x000D,
    XorPeerAddress = 0x0012,
    Data = 0x0013,
    Realm = 0x0014,
    Nonce = 0x0015,
    XorRelayedAddress = 0x0016,
    RequestedAddressFamily = 0x0017,
    EvenPort = 0x0018,
    RequestedTransport = 0x0019,
    DontFragment = 0x001A,
    MessageIntegritySha256 = 0x001C,
    PasswordAlgorithm = 0x001D,
    UserHash = 0x001E,
    XorMappedAddress = 0x0020,
    ReservationToken = 0x0022,
    Priority = 0x0024,
    UseCandidate = 0x0025,
    Padding = 0x0026,
    ResponsePort = 0x0027,
    AdditionalAddressFamily = 0x8000,
    AddressErrorCode = 0x8001,
    PasswordAlgorithms = 0x8002,
    Software = 0x8022,
    AlternateServer = 0x8023,
    Fingerprint = 0x8028,
    IceControlled = 0x8029,
    IceControlling = 0x802A,
    ResponseOrigin = 0x802B,
    OtherAddress = 0x802C,
}

/// <summary>RFC names for attribute types.</summary>
public static class StunAttributeTypes
{
    /// <summary>The RFC's name, e.g. "XOR-MAPPED-ADDRESS"; an unknown type as "Unknown (0x7f01)".</summary>
    public static string Name(ushort type) => Names.TryGetValue(type, out var name) ? name : $"Unknown (0x{type:x4})";

    // Built once: names are asked for on every decoded attribute.
    private static readonly Dictionary<ushort, string> Names =
        Enum.GetValues<StunAttributeType>().ToDictionary(t => (ushort)t, ToRfcName);

    public static string Name(this StunAttributeType type) => Name((ushort)type);

    /// <summary>RFC 8489 §14: 0x0000–0x7FFF must be understood, 0x8000–0xFFFF may be ignored.</summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;

    private static string ToRfcName(StunAttributeType type) => type switch
    {
        StunAttributeType.MessageIntegritySha256 => "MESSAGE-INTEGRITY-SHA256",
        StunAttributeType.UserHash => "USERHASH",
        StunAttributeType.DontFragment => "DONT-FRAGMENT",
        StunAttributeType.IceControlled => "ICE-CONTROLLED",
        StunAttributeType.IceControlling => "ICE-CONTROLLING",
        // PascalCase to the RFC's UPPER-KEBAB-CASE.
        _ => string.Concat(type.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + ch : char.ToUpperInvariant(ch).ToString())),
    };
}
