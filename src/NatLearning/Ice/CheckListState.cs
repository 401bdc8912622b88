namespace NatLearning.Ice;

/// <summary>The state of a check list (RFC 8445 §6.1.2.1).</summary>
public enum CheckListState
{
    /// <summary>Checks are still being done.</summary>
    Running,
    /// <summary>A pair was nominated and selected.</summary>
    Completed,
    /// <summary>Every pair failed, so no pair can be selected.</summary>
    Failed,
}
