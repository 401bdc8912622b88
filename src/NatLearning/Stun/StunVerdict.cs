namespace NatLearning.Stun;

/// <summary>What a check of MESSAGE-INTEGRITY or FINGERPRINT found.</summary>
public enum StunVerdict
{
    /// <summary>The message has no such attribute.</summary>
    Absent,
    Valid,
    Invalid,
    /// <summary>Present, but no key was given to check it with.</summary>
    NotChecked,
}
