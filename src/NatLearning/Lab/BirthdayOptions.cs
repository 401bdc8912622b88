using NatLearning.HolePunching;

namespace NatLearning.Lab;

/// <summary>Settings of the birthday-paradox experiment against a hard (port-randomising symmetric) NAT.</summary>
public sealed record BirthdayOptions
{
    /// <summary>N: ports the hard side opens, one socket each, all aimed at the easy side.</summary>
    public int OpenPorts { get; init; } = 256;
    /// <summary>k values to report: the chance that one of the first k random probes hits an open port.</summary>
    public IReadOnlyList<int> ProbeCounts { get; init; } = [174, 256, 1024, 2048];
    /// <summary>Independent seeded trials per experiment.</summary>
    public int Trials { get; init; } = 200;
    /// <summary>Time between two probes of the easy side.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(1);
}
