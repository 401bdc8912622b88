using System.Security.Cryptography;

namespace NatLearning.Protocols;

/// <summary>The operating system's cryptographic random numbers, for machines that talk to the real network.</summary>
public sealed class OsRandom : IRandomSource
{
    public ulong NextUInt64()
    {
        Span<byte> b = stackalloc byte[8];
        RandomNumberGenerator.Fill(b);
        return BitConverter.ToUInt64(b);
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int minInclusive, int maxExclusive) => RandomNumberGenerator.GetInt32(minInclusive, maxExclusive);

    public void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    public IRandomSource Fork() => new OsRandom();
}
