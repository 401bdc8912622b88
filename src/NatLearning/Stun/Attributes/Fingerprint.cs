namespace NatLearning.Stun.Attributes;

/// <summary>
/// FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XORed with 0x5354554E ("STUN"),
/// so STUN can be told apart from other protocols on the same port. The encoder always computes it.
/// </summary>
public sealed record Fingerprint(uint Value) : StunAttribute
{
    /// <summary>RFC 8489 §14.7: the CRC is XORed with this so it differs from other protocols' CRC-32.</summary>
    public const uint XorValue = 0x5354554E;

    private static readonly uint[] Table = BuildTable();

    public static Fingerprint Placeholder => new(0u);

    public override StunAttributeType Type => StunAttributeType.Fingerprint;
    public override byte[] EncodeValue(TransactionId transactionId) =>
        [(byte)(Value >> 24), (byte)(Value >> 16), (byte)(Value >> 8), (byte)Value];
    public override string Describe() => $"0x{Value:x8}";

    /// <summary>The FINGERPRINT value for the message bytes before it (whose Length field already counts it).</summary>
    public static uint Compute(ReadOnlySpan<byte> messageUpToAttribute) => Crc32(messageUpToAttribute) ^ XorValue;

    /// <summary>CRC-32 as in ITU-T V.42 / ISO 3309 (the one zip and Ethernet use), reflected polynomial 0xEDB88320.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data) => ~Crc32Update(0xFFFFFFFFu, data);

    /// <summary>CRC-32 over several pieces: start with 0xFFFFFFFF, feed each piece, complement at the end.</summary>
    internal static uint Crc32Update(uint crc, ReadOnlySpan<byte> data)
    {
        // Slicing by 8: eight bytes per step through eight tables (T[k] is T[0] advanced k bytes), the rest byte by byte.
        var t = Table;
        while (data.Length >= 8)
        {
            crc ^= System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data);
            crc = t[7 * 256 + (crc & 0xFF)] ^ t[6 * 256 + ((crc >> 8) & 0xFF)] ^ t[5 * 256 + ((crc >> 16) & 0xFF)] ^ t[4 * 256 + (crc >> 24)]
                ^ t[3 * 256 + data[4]] ^ t[2 * 256 + data[5]] ^ t[256 + data[6]] ^ t[data[7]];
            data = data[8..];
        }
        foreach (var b in data) crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    internal static Fingerprint Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        StunFormatException.Require(value.Length == 4, offset, $"FINGERPRINT is {value.Length} bytes; it must be 4");
        return new((uint)(value[0] << 24 | value[1] << 16 | value[2] << 8 | value[3]));
    }

    private static uint[] BuildTable()
    {
        // The CRC-32 of ISO HDLC / V.42 that RFC 8489 §14.7 names (reflected polynomial 0xEDB88320), and its 7 shifted copies.
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        for (var i = 0; i < 256; i++)
            for (var k = 1; k < 8; k++)
                t[k * 256 + i] = (t[(k - 1) * 256 + i] >> 8) ^ t[t[(k - 1) * 256 + i] & 0xFF];
        return t;
    }
}
