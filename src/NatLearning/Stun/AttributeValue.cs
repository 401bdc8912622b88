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

    // The span writers behind StunAttribute.WriteValue: the length written, or the length needed when it does not fit.
    public static int Write(Span<byte> destination, uint v)
    {
        BinaryPrimitives.TryWriteUInt32BigEndian(destination, v);   // writes nothing when it does not fit
        return 4;
    }

    public static int Write(Span<byte> destination, ulong v)
    {
        BinaryPrimitives.TryWriteUInt64BigEndian(destination, v);
        return 8;
    }

    public static int Write(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        if (value.Length <= destination.Length) value.CopyTo(destination);
        return value.Length;
    }
    public static byte[] Of(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); return b; }
}
