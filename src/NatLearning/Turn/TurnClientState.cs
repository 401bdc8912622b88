namespace NatLearning.Turn;

/// <summary>Where a <see cref="TurnClient"/> is in its allocation's life.</summary>
public enum TurnClientState
{
    /// <summary>Nothing asked yet.</summary>
    Idle,
    /// <summary>Allocate sent; waiting (perhaps after a 401) for the relayed address.</summary>
    Allocating,
    /// <summary>The server gave a relayed address; permissions, channels and data may follow.</summary>
    Allocated,
    /// <summary>The client deleted its allocation (Refresh with LIFETIME 0).</summary>
    Released,
    /// <summary>The allocation could not be made or kept (no answer, wrong credentials, an error response).</summary>
    Failed,
}
