using System.Net;
using NatLearning.Addressing;
using NatLearning.Packets;

namespace NatLearning.Tests.Packets;

public class PacketTests
{
    [Fact]
    public void Checksum_matches_the_rfc_1071_worked_example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (after folding); the checksum is its complement.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void A_built_packet_parses_back_with_valid_checksums()
    {
        var p = Packet.Create(1, IPEndPoint.Parse("192.168.1.10:5000"), IPEndPoint.Parse("142.250.1.1:443"), "hello"u8, identification: 7);
        Assert.Equal(33, p.Length);
        var q = Packet.Parse(p.Bytes);
        Assert.True(q.HeaderChecksumValid);
        Assert.True(q.UdpChecksumValid);
        Assert.Equal("192.168.1.10:5000", q.Source.ToString());
        Assert.Equal("142.250.1.1:443", q.Destination.ToString());
        Assert.Equal("hello"u8.ToArray(), q.Payload.ToArray());
        Assert.Equal(64, q.Ttl);
    }

    [Fact]
    public void Nat_rewrites_keep_both_checksums_valid()
    {
        var rng = new NatLearning.Simulation.SeededRandom(9);
        for (var i = 0; i < 500; i++)
        {
            var payload = new byte[rng.Next(0, 40)];
            rng.NextBytes(payload);
            var p = Packet.Create(i, (uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536), (uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536), payload, 1);
            p.RewriteSource((uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536));
            p.RewriteDestination((uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536));
            Assert.True(p.DecrementTtl());
            Assert.True(p.HeaderChecksumValid, $"IPv4 checksum wrong after rewrite #{i}");
            Assert.True(p.UdpChecksumValid, $"UDP checksum wrong after rewrite #{i}");
        }
    }

    [Fact]
    public void A_reused_packet_is_byte_for_byte_a_new_one()
    {
        // The simulation recycles delivered packets; whatever the old buffer held must not leak into the next datagram.
        var rng = new NatLearning.Simulation.SeededRandom(4);
        Packet? recycled = null;
        for (var i = 0; i < 200; i++)
        {
            var payload = new byte[rng.Next(0, 300)];
            rng.NextBytes(payload);
            var (src, sp, dst, dp) = ((uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536), (uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536));
            var fresh = Packet.Create(i, src, sp, dst, dp, payload, (ushort)i);
            var reused = Packet.Create(i, src, sp, dst, dp, payload, (ushort)i, reuse: recycled);
            Assert.Equal(fresh.ToArray(), reused.ToArray());
            Assert.Equal(fresh.Length, reused.Length);
            Assert.Equal(payload, reused.Payload.ToArray());
            Assert.True(reused.HeaderChecksumValid && reused.UdpChecksumValid, $"checksums wrong on reuse #{i}");
            reused.RewriteSource((uint)rng.NextUInt64(), (ushort)rng.Next(1, 65536));   // dirty it before the next round
            reused.DecrementTtl();
            recycled = reused;
        }
    }

    [Fact]
    public void Bad_bytes_are_refused_naming_the_field()
    {
        var p = Packet.Create(1, IPEndPoint.Parse("1.1.1.1:1"), IPEndPoint.Parse("2.2.2.2:2"), "x"u8, 1).ToArray();
        Assert.Contains("shorter", Assert.Throws<FormatException>(() => Packet.Parse(p.AsSpan(0, 10))).Message);
        var badSum = (byte[])p.Clone();
        badSum[10] ^= 0xFF;
        Assert.Contains("header checksum", Assert.Throws<FormatException>(() => Packet.Parse(badSum)).Message);
        var badUdp = (byte[])p.Clone();
        badUdp[^1] ^= 0xFF;
        Assert.Contains("UDP checksum", Assert.Throws<FormatException>(() => Packet.Parse(badUdp)).Message);
    }
}
