namespace NatLearning.Stun;

/// <summary>What MESSAGE-INTEGRITY is keyed with (RFC 8489 §9): a short-term or a long-term credential.</summary>
public abstract record StunCredential(string Username)
{
    /// <summary>The HMAC key for MESSAGE-INTEGRITY.</summary>
    public abstract byte[] Key { get; }
}
