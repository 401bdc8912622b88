
namespace NatLearning.Protocols;

/// <summary>
/// A protocol machine that can describe its state as tables (transactions, allocations, check lists). A
/// <see cref="SimulatedDriver"/> records them in the trace after each input, so a player shows them step by step.
/// </summary>
public interface IStateReporter
{
    /// <summary>The machine's state at <paramref name="now"/>; <paramref name="owner"/> is the node it runs on.</summary>
    IEnumerable<StateTable> ReportState(TimeSpan now, string owner);
}
