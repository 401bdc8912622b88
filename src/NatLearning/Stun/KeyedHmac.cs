using System.Security.Cryptography;

namespace NatLearning.Stun;

/// <summary>
/// HMAC for MESSAGE-INTEGRITY with the key schedule kept between messages: a session signs and checks every message
/// with the same one or two keys, and a one-shot HMAC sets the key up again each time (about twice the cost).
/// One small cache per thread, so parallel simulations never share a hash object.
/// </summary>
internal static class KeyedHmac
{
    // A relayed ICE session uses five keys at once (two ICE passwords, two TURN users, the server's nonce key): room for them all.
    private const int Slots = 8;

    [ThreadStatic] private static Entry?[]? _cache;
    [ThreadStatic] private static int _next;

    /// <summary>HMAC of the concatenation of <paramref name="parts"/> (up to three spans, so callers need not copy).</summary>
    public static byte[] Compute(HashAlgorithmName algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2 = default, ReadOnlySpan<byte> part3 = default)
    {
        var e = For(algorithm, key);
        var hash = new byte[e.Sha1 is not null ? HmacSha1.HashLength : e.Hmac!.HashLengthInBytes];
        Compute(hash, e, part1, part2, part3);
        return hash;
    }

    /// <summary><see cref="Compute"/> into <paramref name="destination"/> (at least the hash size), with no array of its own.</summary>
    public static void Compute(Span<byte> destination, HashAlgorithmName algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2 = default, ReadOnlySpan<byte> part3 = default) =>
        Compute(destination, For(algorithm, key), part1, part2, part3);

    private static void Compute(Span<byte> destination, Entry e, ReadOnlySpan<byte> part1, ReadOnlySpan<byte> part2, ReadOnlySpan<byte> part3)
    {
        if (e.Sha1 is { } sha1)
        {
            sha1.Compute(destination, part1, part2, part3);
            return;
        }
        var hmac = e.Hmac!;
        hmac.AppendData(part1);
        if (!part2.IsEmpty) hmac.AppendData(part2);
        if (!part3.IsEmpty) hmac.AppendData(part3);
        if (!hmac.TryGetHashAndReset(destination, out _)) throw new ArgumentException($"{e.Algorithm.Name} needs {hmac.HashLengthInBytes} bytes.", nameof(destination));
    }

    private static Entry For(HashAlgorithmName algorithm, ReadOnlySpan<byte> key)
    {
        var cache = _cache ??= new Entry?[Slots];
        foreach (var e in cache)
            if (e is not null && e.Algorithm == algorithm && key.SequenceEqual(e.Key)) return e;
        var slot = _next;
        _next = (_next + 1) % Slots;
        cache[slot]?.Hmac?.Dispose();
        // HMAC-SHA1 (MESSAGE-INTEGRITY, every STUN message) is hashed here; the rarer SHA-256 by the platform.
        var entry = algorithm == HashAlgorithmName.SHA1
            ? new Entry(algorithm, key.ToArray(), null, new HmacSha1(key))
            : new Entry(algorithm, key.ToArray(), IncrementalHash.CreateHMAC(algorithm, key), null);
        cache[slot] = entry;
        return entry;
    }

    private sealed record Entry(HashAlgorithmName Algorithm, byte[] Key, IncrementalHash? Hmac, HmacSha1? Sha1);
}
