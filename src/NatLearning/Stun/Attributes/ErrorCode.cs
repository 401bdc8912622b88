using System.Text;

namespace NatLearning.Stun.Attributes;

/// <summary>ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a reason phrase.</summary>
public sealed record ErrorCode : StunAttribute
{
    // RFC 8489 §14.8: the codes STUN itself defines.
    public const int TryAlternate = 300, BadRequest = 400, Unauthorized = 401, UnknownAttribute = 420, StaleNonce = 438, ServerError = 500;

    // RFC 8656 §19: the codes TURN adds.
    public const int Forbidden = 403, AllocationMismatch = 437, AddressFamilyNotSupported = 440, WrongCredentials = 441,
        UnsupportedTransportProtocol = 442, PeerAddressFamilyMismatch = 443, AllocationQuotaReached = 486, InsufficientCapacity = 508;

    // RFC 8445 §7.3.1.1: ICE's answer when both agents claim the same role.
    public const int RoleConflict = 487;

    public ErrorCode(int code, string? reason = null)
    {
        if (code is < 300 or > 699) throw new ArgumentOutOfRangeException(nameof(code), code, "A STUN error code is 300 to 699.");
        Code = code;
        Reason = reason ?? DefaultReason(code);
        if (Encoding.UTF8.GetByteCount(Reason) > 763) throw new ArgumentException("The reason phrase may hold at most 763 bytes.", nameof(reason));
    }

    public int Code { get; }
    public string Reason { get; }

    public override StunAttributeType Type => StunAttributeType.ErrorCode;

    // RFC 8489 §14.8: the hundreds digit goes in Class (3 bits), the rest in Number (0..99).
    public override byte[] EncodeValue(TransactionId transactionId) =>
        [0, 0, (byte)(Code / 100), (byte)(Code % 100), .. Encoding.UTF8.GetBytes(Reason)];

    public override string Describe() => $"{Code} ({Reason})";

    /// <summary>The RFC 8489 §14.8 / RFC 8656 §19 / RFC 8445 reason phrases.</summary>
    public static string DefaultReason(int code) => code switch
    {
        TryAlternate => "Try Alternate",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        Forbidden => "Forbidden",
        UnknownAttribute => "Unknown Attribute",
        AllocationMismatch => "Allocation Mismatch",
        StaleNonce => "Stale Nonce",
        AddressFamilyNotSupported => "Address Family not Supported",
        WrongCredentials => "Wrong Credentials",
        UnsupportedTransportProtocol => "Unsupported Transport Protocol",
        PeerAddressFamilyMismatch => "Peer Address Family Mismatch",
        AllocationQuotaReached => "Allocation Quota Reached",
        RoleConflict => "Role Conflict",
        ServerError => "Server Error",
        InsufficientCapacity => "Insufficient Capacity",
        _ => "Error",
    };

    internal static ErrorCode Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        StunFormatException.Require(value.Length >= 4, offset, $"ERROR-CODE is {value.Length} bytes; it needs at least 4");
        var cls = value[2] & 0x07;
        var number = value[3];
        StunFormatException.Require(cls is >= 3 and <= 6, offset + 2, $"ERROR-CODE class is {cls}; it must be 3 to 6");
        StunFormatException.Require(number <= 99, offset + 3, $"ERROR-CODE number is {number}; it must be 0 to 99");
        string reason;
        try { reason = new UTF8Encoding(false, true).GetString(value[4..]); }
        catch (DecoderFallbackException) { throw new StunFormatException(offset + 4, "ERROR-CODE reason phrase is not valid UTF-8"); }
        StunFormatException.Require(value.Length - 4 <= 763, offset + 4, "ERROR-CODE reason phrase is longer than 763 bytes");
        return new(cls * 100 + number, reason);
    }
}
