using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace NatLearning.Turn;

/// <summary>
/// NONCE values that cost the server no memory (RFC 8489 §9.2: the nonce's content is the server's choice): the issue
/// time in seconds and a keyed MAC of that time and the client's transport address, so a nonce is only good for the
/// client that got it and only until it is <c>lifetime</c> old. A flood of unauthenticated requests fills no table.
/// </summary>
internal sealed class StatelessNonce(byte[] key, TimeSpan lifetime)
{
    private const int MacBytes = 8;   // 64 bits: guessing a nonce for another address takes 2^63 tries on average

    public string Issue(TimeSpan now, IPEndPoint client)
    {
        var seconds = (uint)Math.Floor(now.TotalSeconds);
        return $"{seconds:x8}{Convert.ToHexStringLower(Mac(seconds, client))}";
    }

    /// <summary>True if <paramref name="nonce"/> was issued by this server to <paramref name="client"/> less than a lifetime ago.</summary>
    public bool IsValid(string nonce, TimeSpan now, IPEndPoint client)
    {
        if (nonce.Length != 8 + 2 * MacBytes
            || !uint.TryParse(nonce.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var issued = TimeSpan.FromSeconds(seconds);
        if (issued > now || now - issued >= lifetime) return false;
        if (_verified.TryGetValue(client, out var known) && known == nonce) return true;
        Span<byte> given = stackalloc byte[MacBytes];
        if (Convert.FromHexString(nonce.AsSpan(8), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != MacBytes)
            return false;
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(seconds, client))) return false;
        // A client sends the same nonce on every request until it goes stale: its MAC is checked once, its age every time.
        if (_verified.Count >= MaxVerified) _verified.Clear();
        _verified[client] = nonce;
        return true;
    }

    private readonly Dictionary<IPEndPoint, string> _verified = [];
    private const int MaxVerified = 4096;

    private byte[] Mac(uint seconds, IPEndPoint client)
    {
        Span<byte> input = stackalloc byte[4 + 16 + 2];
        BinaryPrimitives.WriteUInt32BigEndian(input, seconds);
        client.Address.TryWriteBytes(input[4..], out var n);
        BinaryPrimitives.WriteUInt16BigEndian(input[(4 + n)..], (ushort)client.Port);
        Span<byte> mac = stackalloc byte[32];
        Stun.KeyedHmac.Compute(mac, HashAlgorithmName.SHA256, key, input[..(4 + n + 2)]);   // a keyed hasher kept per thread, not one built per nonce
        return mac[..MacBytes].ToArray();
    }
}
