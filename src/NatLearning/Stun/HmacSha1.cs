using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace NatLearning.Stun;

/// <summary>
/// HMAC-SHA1 (RFC 2104 over SHA-1, RFC 3174) for one key, with the key's inner and outer pads hashed once: a STUN
/// message is one or two SHA-1 blocks, so hashing the two pad blocks again for every message (what a fresh HMAC does)
/// would be half the work. Managed, because a call into the platform's crypto library costs more than the hashing
/// itself at these sizes. MESSAGE-INTEGRITY (RFC 8489 §14.5) is computed and checked with it.
/// </summary>
internal sealed class HmacSha1
{
    public const int HashLength = 20;
    private const int BlockLength = 64;

    private readonly uint[] _inner = new uint[5];   // SHA-1 state after the block key XOR ipad
    private readonly uint[] _outer = new uint[5];   // ... and after key XOR opad

    public HmacSha1(ReadOnlySpan<byte> key)
    {
        // RFC 2104 §2: a key longer than the block is hashed first; a shorter one is padded with zeros.
        Span<byte> block = stackalloc byte[BlockLength];
        block.Clear();
        if (key.Length > BlockLength) SHA1.HashData(key, block);
        else key.CopyTo(block);
        Span<byte> pad = stackalloc byte[BlockLength];
        for (var i = 0; i < BlockLength; i++) pad[i] = (byte)(block[i] ^ 0x36);
        Initial(_inner);
        Compress(_inner, pad);
        for (var i = 0; i < BlockLength; i++) pad[i] = (byte)(block[i] ^ 0x5c);
        Initial(_outer);
        Compress(_outer, pad);
    }

    /// <summary>HMAC(key, part1 ‖ part2 ‖ part3) into the first 20 bytes of <paramref name="destination"/>.</summary>
    public void Compute(Span<byte> destination, ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2 = default, ReadOnlySpan<byte> part3 = default)
    {
        if (destination.Length < HashLength) throw new ArgumentException($"HMAC-SHA1 needs {HashLength} bytes.", nameof(destination));
        Span<uint> state = stackalloc uint[5];
        Span<byte> block = stackalloc byte[BlockLength];
        // Inner hash: H((K ^ ipad) ‖ message), the pad block already in the state.
        _inner.CopyTo(state);
        var filled = 0;
        Feed(state, block, ref filled, part1);
        Feed(state, block, ref filled, part2);
        Feed(state, block, ref filled, part3);
        Finish(state, block, filled, BlockLength + (long)part1.Length + part2.Length + part3.Length);
        Span<byte> innerHash = stackalloc byte[HashLength];
        Write(state, innerHash);
        // Outer hash: H((K ^ opad) ‖ inner hash).
        _outer.CopyTo(state);
        filled = 0;
        Feed(state, block, ref filled, innerHash);
        Finish(state, block, filled, BlockLength + HashLength);
        Write(state, destination);
    }

    private static void Feed(Span<uint> state, Span<byte> block, ref int filled, ReadOnlySpan<byte> data)
    {
        if (filled > 0)
        {
            var take = Math.Min(BlockLength - filled, data.Length);
            data[..take].CopyTo(block[filled..]);
            filled += take;
            data = data[take..];
            if (filled < BlockLength) return;
            Compress(state, block);
            filled = 0;
        }
        for (; data.Length >= BlockLength; data = data[BlockLength..]) Compress(state, data);
        data.CopyTo(block);
        filled = data.Length;
    }

    // RFC 3174 §4: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number.
    private static void Finish(Span<uint> state, Span<byte> block, int filled, long totalBytes)
    {
        block[filled++] = 0x80;
        if (filled > BlockLength - 8)
        {
            block[filled..].Clear();
            Compress(state, block);
            filled = 0;
        }
        block[filled..(BlockLength - 8)].Clear();
        BinaryPrimitives.WriteInt64BigEndian(block[(BlockLength - 8)..], totalBytes * 8);
        Compress(state, block);
    }

    private static void Initial(Span<uint> state)
    {
        // RFC 3174 §6.1: H0..H4.
        state[0] = 0x67452301;
        state[1] = 0xEFCDAB89;
        state[2] = 0x98BADCFE;
        state[3] = 0x10325476;
        state[4] = 0xC3D2E1F0;
    }

    private static void Write(ReadOnlySpan<uint> state, Span<byte> destination)
    {
        for (var i = 0; i < 5; i++) BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], state[i]);
    }

    // RFC 3174 §6.1: one 512-bit block, 80 rounds over the message schedule W.
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (var t = 0; t < 16; t++) w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        for (var t = 16; t < 80; t++) w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
        // Five rounds per pass with the five variables' roles rotated, so no value is moved between rounds.
        for (var t = 0; t < 20; t += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + Ch(b, c, d) + 0x5A827999 + w[t]; b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + Ch(a, b, c) + 0x5A827999 + w[t + 1]; a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + Ch(e, a, b) + 0x5A827999 + w[t + 2]; e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + Ch(d, e, a) + 0x5A827999 + w[t + 3]; d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + Ch(c, d, e) + 0x5A827999 + w[t + 4]; c = BitOperations.RotateLeft(c, 30);
        }
        for (var t = 20; t < 40; t += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + w[t]; b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + w[t + 1]; a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + w[t + 2]; e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + w[t + 3]; d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + w[t + 4]; c = BitOperations.RotateLeft(c, 30);
        }
        for (var t = 40; t < 60; t += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + Maj(b, c, d) + 0x8F1BBCDC + w[t]; b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + Maj(a, b, c) + 0x8F1BBCDC + w[t + 1]; a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + Maj(e, a, b) + 0x8F1BBCDC + w[t + 2]; e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + Maj(d, e, a) + 0x8F1BBCDC + w[t + 3]; d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + Maj(c, d, e) + 0x8F1BBCDC + w[t + 4]; c = BitOperations.RotateLeft(c, 30);
        }
        for (var t = 60; t < 80; t += 5)
        {
            e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + w[t]; b = BitOperations.RotateLeft(b, 30);
            d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + w[t + 1]; a = BitOperations.RotateLeft(a, 30);
            c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + w[t + 2]; e = BitOperations.RotateLeft(e, 30);
            b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + w[t + 3]; d = BitOperations.RotateLeft(d, 30);
            a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + w[t + 4]; c = BitOperations.RotateLeft(c, 30);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    // RFC 3174 §5: f for rounds 0–19 (choose) and 40–59 (majority); rounds 20–39 and 60–79 use b ^ c ^ d.
    private static uint Ch(uint b, uint c, uint d) => (b & c) | (~b & d);
    private static uint Maj(uint b, uint c, uint d) => (b & c) | (b & d) | (c & d);
}
