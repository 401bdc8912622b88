using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

/// <summary>FINGERPRINT's CRC-32 (RFC 8489 §14.7), computed eight bytes at a time, against the check value and a bit-by-bit CRC.</summary>
public class FingerprintCrcTests
{
    // The CRC-32 definition itself: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF, one bit at a time.
    private static uint BitByBit(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void The_check_value_of_123456789_is_cbf43926() => Assert.Equal(0xCBF43926u, Fingerprint.Crc32("123456789"u8));

    [Fact]
    public void Every_length_to_200_bytes_and_any_split_agrees_with_the_bit_by_bit_crc()
    {
        var random = new Random(7);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BitByBit(data), Fingerprint.Crc32(data));
            var split = length / 3;
            Assert.Equal(BitByBit(data), ~Fingerprint.Crc32Update(Fingerprint.Crc32Update(0xFFFFFFFFu, data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
