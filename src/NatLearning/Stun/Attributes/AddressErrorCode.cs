using System.Text;

namespace NatLearning.Stun.Attributes;

/// <summary>
/// ADDRESS-ERROR-CODE (RFC 8656 §18.12): in a dual-stack Allocate success, why the relayed address of one family
/// could not be allocated (440 or 508). Laid out as ERROR-CODE with the family in the first byte.
/// </summary>
public sealed record AddressErrorCode : StunAttribute
{
    public AddressErrorCode(byte family, int code, string? reason = null)
    {
        var e = new ErrorCode(code, reason);   // the same range and reason checks as ERROR-CODE
        Family = family;
        Code = e.Code;
        Reason = e.Reason;
    }

    public byte Family { get; }
    public int Code { get; }
    public string Reason { get; }

    public override StunAttributeType Type => StunAttributeType.AddressErrorCode;

    public override byte[] EncodeValue(TransactionId transactionId) =>
        [Family, 0, (byte)(Code / 100), (byte)(Code % 100), .. Encoding.UTF8.GetBytes(Reason)];

    public override string Describe() => $"{new RequestedAddressFamily(Family).Describe()}: {Code} ({Reason})";

    internal static AddressErrorCode Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        StunFormatException.Require(value.Length >= 4, offset, $"ADDRESS-ERROR-CODE is {value.Length} bytes; it needs at least 4");
        var e = ErrorCode.Decode([0, .. value[1..]], transactionId, offset);
        return new(value[0], e.Code, e.Reason);
    }
}
