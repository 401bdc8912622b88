namespace NatLearning.Nat;

/// <summary>
/// The randomness a NAT needs: a number uniform in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>),
/// for random port allocation. A delegate, so that any generator's <c>Next</c> fits (the simulator hands in its seeded
/// one) while this layer stays below Protocols, where the generators live.
/// </summary>
internal delegate int UniformRandom(int minInclusive, int maxExclusive);
