using System.Buffers.Binary;

namespace NatLearning.Stun;

/// <summary>Checked reads of fixed-size attribute values; a wrong size is a <see cref="StunFormatException"/>.</summary>
internal static class AttributeValue
{
    public static void RequireLength(ReadOnlySpan<byte> value, int length, int offset, StunAttributeType type) =>
        StunFormatException.Require(value.Length == length, offset, $"{type.Name()} is {value.Length} bytes; it must be {length}");

    public static uint UInt32(ReadOnlySpan<byte> value, int offset, StunAttributeType type)
    {
        RequireLength(value, 4, offset, type);
        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    public static ulong UInt64(ReadOnlySpan<byte> value, int offset, StunAttributeType type)
    {
        RequireLength(value, 8, offset, type);
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    public static byte[] Of(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); return b; }
    public static byte[] Of(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); return b; }
}
