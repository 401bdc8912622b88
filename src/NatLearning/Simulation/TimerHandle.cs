namespace NatLearning.Simulation;

/// <summary>A scheduled timer that its owner may call off (a protocol's retransmission or refresh timer, re-armed).</summary>
internal sealed class TimerHandle(bool background)
{
    public bool Background { get; } = background;
    public bool Cancelled { get; set; }
    public bool Ran { get; set; }
}
