namespace NatLearning.Ice;

/// <summary>Where an agent is in discover, test, choose.</summary>
public enum IceAgentState
{
    /// <summary>Collecting candidates (host, then server-reflexive from STUN).</summary>
    Gathering,
    /// <summary>Candidates gathered; waiting for the peer's description.</summary>
    Gathered,
    /// <summary>Connectivity checks running.</summary>
    Checking,
    /// <summary>A pair is selected.</summary>
    Completed,
    /// <summary>No pair worked, or the selected pair lost consent (RFC 7675); see the failure reason.</summary>
    Failed,
}
