namespace NatLearning.Ice;

/// <summary>The state of a candidate pair in its check list (RFC 8445 §6.1.2.6).</summary>
public enum CandidatePairState
{
    /// <summary>Not checked yet; waits until a pair with the same foundation succeeds or no other pair is waiting.</summary>
    Frozen,
    /// <summary>Will be checked when its turn comes (one check every Ta).</summary>
    Waiting,
    /// <summary>A check was sent; no answer yet.</summary>
    InProgress,
    /// <summary>A check produced a successful, symmetric response.</summary>
    Succeeded,
    /// <summary>The check timed out, got an unrecoverable error, or its response came from the wrong address.</summary>
    Failed,
}
