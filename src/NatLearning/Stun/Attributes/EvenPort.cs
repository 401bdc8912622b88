namespace NatLearning.Stun.Attributes;

/// <summary>EVEN-PORT (RFC 8656 §18.7): ask for an even relay port, and with R set, reserve the next one too.</summary>
public sealed record EvenPort(bool ReserveNextPort) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.EvenPort;
    public override byte[] EncodeValue(TransactionId transactionId) => [(byte)(ReserveNextPort ? 0x80 : 0)];
    public override string Describe() => ReserveNextPort ? "reserve the next port" : "even port only";

    internal static EvenPort Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        AttributeValue.RequireLength(value, 1, offset, StunAttributeType.EvenPort);
        return new((value[0] & 0x80) != 0);
    }
}
