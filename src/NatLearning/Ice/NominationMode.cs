namespace NatLearning.Ice;

/// <summary>How the controlling agent nominates the pair both sides will use.</summary>
public enum NominationMode
{
    /// <summary>
    /// RFC 8445 §8.1.1: let the checks run, pick the best valid pair, then check it once more with USE-CANDIDATE.
    /// One extra round trip, and both sides end on the same pair.
    /// </summary>
    Regular,

    /// <summary>
    /// RFC 5245 §8.1.1.2 (dropped by RFC 8445, still sent by older stacks): USE-CANDIDATE on every check, so the first
    /// pair that works is chosen at once. Faster, but the choice is the quickest pair, not the best, and the two sides
    /// can end on different pairs when two checks race.
    /// </summary>
    Aggressive,
}
