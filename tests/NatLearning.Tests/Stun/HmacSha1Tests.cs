using System.Security.Cryptography;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

/// <summary>The managed HMAC-SHA1 behind MESSAGE-INTEGRITY against RFC 2202's vectors and the platform's HMACSHA1.</summary>
public class HmacSha1Tests
{
    private static byte[] Hmac(byte[] key, byte[] data)
    {
        var mac = new byte[HmacSha1.HashLength];
        new HmacSha1(key).Compute(mac, data);
        return mac;
    }

    [Theory]
    // RFC 2202 §3, test cases 1, 2, 3, 6 (an 80-byte key, hashed first) and 7.
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b617318655057264e28bc0b6fb378c8ef146be00")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "125d7342b9ac11cd91a39af48aa17b4f63f175d3")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "aa4ae5e15272d00e95705637ce8a3b55ed402112")]
    public void Rfc_2202_vectors(string key, string data, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Hmac(Convert.FromHexString(key), Convert.FromHexString(data))));

    [Fact]
    public void Every_length_around_the_block_boundaries_matches_the_platform_in_one_piece_and_in_three()
    {
        var random = new Random(42);
        foreach (var keyLength in new[] { 0, 1, 16, 22, 63, 64, 65, 200 })
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var ours = new HmacSha1(key);
            for (var length = 0; length <= 300; length++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                var expected = HMACSHA1.HashData(key, data);
                var mac = new byte[HmacSha1.HashLength];
                ours.Compute(mac, data);
                Assert.Equal(expected, mac);
                // As CheckIntegrity feeds a message: two bytes, a patched length, the rest.
                if (length < 4) continue;
                Array.Clear(mac);
                ours.Compute(mac, data.AsSpan(0, 2), data.AsSpan(2, 2), data.AsSpan(4));
                Assert.Equal(expected, mac);
            }
        }
    }
}
