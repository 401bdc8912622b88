namespace NatLearning.HolePunching;

/// <summary>When and how often a peer punches.</summary>
public sealed record HolePunchOptions
{
    /// <summary>Delay between learning the peer's endpoint and the first probe (give one side a head start to see why timing matters).</summary>
    public TimeSpan StartOffset { get; init; } = TimeSpan.Zero;
    /// <summary>Time between probes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>How many probes before giving up.</summary>
    public int Attempts { get; init; } = 10;
    /// <summary>How long to wait for an answer after the last probe.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(1);
}
