using System.Text;

namespace NatLearning.Stun;

/// <summary>A short-term credential (RFC 8489 §9.1), as ICE uses: the key is the prepared password itself.</summary>
public sealed record ShortTermCredential(string Username, string Password) : StunCredential(Username)
{
    // RFC 8489 §9.1.1: key = OpaqueString(password).
    public override byte[] Key => Encoding.UTF8.GetBytes(SaslPrep.Prepare(Password));
}
