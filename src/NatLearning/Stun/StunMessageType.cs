namespace NatLearning.Stun;

/// <summary>
/// The 14-bit message type: method and class bits interleaved (RFC 8489 §5, Figure 3):
/// M11..M7 C1 M6..M4 C0 M3..M0.
/// </summary>
public static class StunMessageType
{
    /// <summary>The largest method number (12 bits).</summary>
    public const int MaxMethod = 0xFFF;

    public static ushort Encode(StunMethod method, StunClass stunClass)
    {
        var m = (int)method;
        if (m is < 0 or > MaxMethod) throw new ArgumentOutOfRangeException(nameof(method), m, "A STUN method is 12 bits (0 to 0xFFF).");
        var c = (int)stunClass;
        // RFC 8489 §5: C0 sits at bit 4, C1 at bit 8; the method bits fill the rest.
        return (ushort)((m & 0x000F) | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 1) << 4 | (c & 2) << 7);
    }

    public static (StunMethod Method, StunClass Class) Decode(ushort type)
    {
        var method = (type & 0x000F) | (type & 0x00E0) >> 1 | (type & 0x3E00) >> 2;
        var c = (type >> 4 & 1) | (type >> 7 & 2);
        return ((StunMethod)method, (StunClass)c);
    }

    /// <summary>The method and class the way Wireshark writes them, e.g. "Binding Success Response".</summary>
    public static string Describe(StunMethod method, StunClass stunClass) => $"{MethodName(method)} {ClassName(stunClass)}";

    public static string MethodName(StunMethod method) => method switch
    {
        StunMethod.Binding => "Binding",
        StunMethod.Allocate => "Allocate",
        StunMethod.Refresh => "Refresh",
        StunMethod.Send => "Send",
        StunMethod.Data => "Data",
        StunMethod.CreatePermission => "CreatePermission",
        StunMethod.ChannelBind => "ChannelBind",
        _ => $"Method 0x{(int)method:x3}",
    };

    public static string ClassName(StunClass stunClass) => stunClass switch
    {
        StunClass.Request => "Request",
        StunClass.Indication => "Indication",
        StunClass.SuccessResponse => "Success Response",
        _ => "Error Response",
    };
}
