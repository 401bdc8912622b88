using NatLearning.Protocols;

namespace NatLearning.Simulation;

/// <summary>
/// A small seeded generator (xoshiro256** seeded by SplitMix64). Ours rather than System.Random so that
/// a seed gives the same numbers on every .NET version.
/// </summary>
public sealed class SeededRandom : IRandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(long seed)
    {
        Seed = seed;
        var x = (ulong)seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    public long Seed { get; }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive) throw new ArgumentOutOfRangeException(nameof(maxExclusive), "The range is empty.");
        var range = (ulong)(maxExclusive - (long)minInclusive);
        return (int)(minInclusive + (long)(NextUInt64() % range));
    }

    public void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    /// <summary>A new generator whose stream depends only on this one's next output.</summary>
    public SeededRandom Fork() => new((long)NextUInt64());

    IRandomSource IRandomSource.Fork() => Fork();

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
