namespace NatLearning.Tracing;

/// <summary>What happened to a NAT table row at one step of a trace.</summary>
public enum EntryChange
{
    None,
    /// <summary>The row appeared at this step.</summary>
    Created,
    /// <summary>A packet was translated through it at this step (its timer may have restarted).</summary>
    Hit,
    /// <summary>It expired at this step; the next step no longer has it.</summary>
    Expired,
    /// <summary>A protocol state row (a transaction, a pair) changed at this step.</summary>
    Changed,
}
