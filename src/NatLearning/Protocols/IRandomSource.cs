

namespace NatLearning.Protocols;

/// <summary>
/// Where a protocol machine gets its random numbers (transaction ids, ICE credentials, tie-breakers, ports). Handed in,
/// never made inside: the simulator passes a seeded generator, so a seed fixes every byte; the real-UDP commands pass
/// <see cref="OsRandom"/>.
/// </summary>
public interface IRandomSource
{
    ulong NextUInt64();

    /// <summary>Uniform in [0, 1).</summary>
    double NextDouble();

    /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
    int Next(int minInclusive, int maxExclusive);

    void NextBytes(Span<byte> buffer);

    /// <summary>An independent source for another machine, drawn from this one.</summary>
    IRandomSource Fork();
}
