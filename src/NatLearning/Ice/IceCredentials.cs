using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Ice;

/// <summary>
/// The username fragment and password an agent announces (RFC 8445 §5.3, RFC 8839 §5.4). Checks carry
/// USERNAME "remote-ufrag:local-ufrag" and MESSAGE-INTEGRITY keyed with the receiver's password.
/// </summary>
public sealed record IceCredentials
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public IceCredentials(string ufrag, string password)
    {
        Check(ufrag, 4, nameof(ufrag));
        Check(password, 22, nameof(password));
        Ufrag = ufrag;
        Password = password;
        Key = new ShortTermCredential(ufrag, password).Key;
    }

    public string Ufrag { get; }
    public string Password { get; }

    /// <summary>The short-term MESSAGE-INTEGRITY key (RFC 8489 §9.1.1).</summary>
    internal byte[] Key { get; }

    public bool Equals(IceCredentials? other) => other is not null && Ufrag == other.Ufrag && Password == other.Password;

    public override int GetHashCode() => HashCode.Combine(Ufrag, Password);

    public override string ToString() => $"ufrag {Ufrag}";

    /// <summary>Random ufrag (8 characters) and password (24), from the seeded source handed in.</summary>
    public static IceCredentials Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new IceCredentials(Chars(random, 8), Chars(random, 24));
    }

    private static string Chars(IRandomSource random, int n) => string.Create(n, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = IceChars[r.Next(0, IceChars.Length)];
    });

    // RFC 8839 §5.4: ice-ufrag is 4 to 256 ice-chars, ice-pwd 22 to 256.
    private static void Check(string value, int min, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length < min || value.Length > 256 || value.Any(c => !IceChars.Contains(c)))
            throw new ArgumentException($"'{value}' is not a valid {(name == "ufrag" ? "ice-ufrag" : "ice-pwd")}: it must be {min} to 256 of A-Z a-z 0-9 + / (RFC 8839 §5.4).", name);
    }
}
