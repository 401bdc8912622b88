using System.Buffers.Binary;

namespace NatLearning.Stun.Attributes;

/// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): in a 420 response, the comprehension-required types the server did not understand.</summary>
public sealed record UnknownAttributes(IReadOnlyList<ushort> Types) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.UnknownAttributes;

    public override byte[] EncodeValue(TransactionId transactionId)
    {
        var b = new byte[Types.Count * 2];
        for (var i = 0; i < Types.Count; i++) BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(i * 2), Types[i]);
        return b;
    }

    public override string Describe() => string.Join(", ", Types.Select(t => $"0x{t:x4}"));

    public bool Equals(UnknownAttributes? other) => other is not null && Types.SequenceEqual(other.Types);
    public override int GetHashCode() => Types.Count;

    internal static UnknownAttributes Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        StunFormatException.Require(value.Length % 2 == 0, offset, $"UNKNOWN-ATTRIBUTES is {value.Length} bytes; it must be a whole number of 2-byte types");
        var types = new ushort[value.Length / 2];
        for (var i = 0; i < types.Length; i++) types[i] = BinaryPrimitives.ReadUInt16BigEndian(value[(i * 2)..]);
        return new(types);
    }
}
