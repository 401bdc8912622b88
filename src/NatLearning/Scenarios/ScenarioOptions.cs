namespace NatLearning.Scenarios;

/// <summary>Inputs a scenario may use. Every scenario takes a seed; others read what they need.</summary>
public sealed record ScenarioOptions
{
    public long Seed { get; init; } = 1;
    /// <summary>Trace every packet (the default); off for large runs.</summary>
    public bool Tracing { get; init; } = true;
}
