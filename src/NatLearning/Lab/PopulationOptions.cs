using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>What a population run simulates: how many peers, what NATs they sit behind, and what a relay would cost.</summary>
public sealed record PopulationOptions
{
    /// <summary>A mix in the spirit of published measurements: most home NATs are cones, a minority symmetric, some behind CGN.</summary>
    public static IReadOnlyDictionary<string, double> TypicalMix { get; } = new Dictionary<string, double>
    {
        ["none"] = 0.05,
        ["full-cone"] = 0.10,
        ["restricted-cone"] = 0.15,
        ["port-restricted-cone"] = 0.40,
        ["symmetric"] = 0.15,
        ["one-to-one"] = 0.05,
        ["cgn"] = 0.10,
    };

    public int Peers
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Peers), value, "A population needs at least 2 peers.");
    } = 1000;

    /// <summary>Weights by <see cref="PeerNat"/> name ("none", "cgn", or a preset); they need not add up to 1.</summary>
    public IReadOnlyDictionary<string, double> Mix { get; init; } = TypicalMix;

    public long Seed { get; init; } = 1;

    /// <summary>Media bitrate of one session, each direction (for the relay bandwidth).</summary>
    public double SessionMbps
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(SessionMbps), value, "A bitrate cannot be negative.");
    } = 1.0;

    /// <summary>What a relay's traffic costs, per GB (cloud egress is of this order).</summary>
    public double DollarsPerGb
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(DollarsPerGb), value, "A price cannot be negative.");
    } = 0.05;

    /// <summary>Offer a TURN server, so pairs with no direct path are relayed rather than failed.</summary>
    public bool Turn { get; init; } = true;

    /// <summary>How many sessions run at once (each in its own network); the report does not depend on it.</summary>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "At least 1.");
    } = Environment.ProcessorCount;

    /// <summary>Trace every packet of every session (slow; for small runs only).</summary>
    public bool Tracing { get; init; }

    /// <summary>Checks the mix names and weights; bad input gives an ArgumentException that says what is wrong.</summary>
    internal IReadOnlyList<(PeerNat Nat, double Weight)> ParsedMix()
    {
        if (Mix.Count == 0) throw new ArgumentException("The NAT mix is empty.", nameof(Mix));
        var list = Mix.Select(kv => (Nat: PeerNat.Parse(kv.Key), Weight: kv.Value)).ToList();
        if (list.Any(x => x.Weight < 0 || double.IsNaN(x.Weight))) throw new ArgumentException("NAT mix weights cannot be negative.", nameof(Mix));
        if (list.Sum(x => x.Weight) <= 0) throw new ArgumentException("The NAT mix weights add up to zero.", nameof(Mix));
        return list;
    }
}
