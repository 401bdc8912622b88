using System.Security.Cryptography;
using System.Text;

namespace NatLearning.Stun;

/// <summary>A long-term credential (RFC 8489 §9.2), as TURN uses: username and password within a realm.</summary>
public sealed record LongTermCredential(string Username, string Realm, string Password) : StunCredential(Username)
{
    /// <summary>Parses "USER:REALM:PASSWORD" (the password may itself contain ':').</summary>
    public static LongTermCredential Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 3);
        if (parts.Length != 3 || parts[0].Length == 0)
            throw new FormatException($"'{text}' is not a long-term credential like USER:REALM:PASSWORD.");
        return new LongTermCredential(parts[0], parts[1], parts[2]);
    }

    // RFC 8489 §9.2.2: key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)); RFC 5389 §15.4 used SASLprep.
    public override byte[] Key => MD5.HashData(KeyInput());

    /// <summary>The key when PASSWORD-ALGORITHM is SHA-256 (RFC 8489 §9.2.2).</summary>
    public byte[] KeySha256 => SHA256.HashData(KeyInput());

    private byte[] KeyInput() => Encoding.UTF8.GetBytes($"{Username}:{SaslPrep.Prepare(Realm)}:{SaslPrep.Prepare(Password)}");
}
