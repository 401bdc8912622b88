using System.Buffers.Binary;
using System.Text;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>
/// A Wireshark-like text dissection of one STUN message: header fields, every attribute decoded (XOR addresses shown
/// both ways), and verdicts on MESSAGE-INTEGRITY and FINGERPRINT.
/// </summary>
public static class StunDissection
{
    /// <summary>Dissects <paramref name="data"/>; throws <see cref="StunFormatException"/> if it is not a well-formed message.</summary>
    /// <param name="credential">Checks MESSAGE-INTEGRITY with this credential's key; without it the verdict is "not checked".</param>
    public static string Dissect(ReadOnlySpan<byte> data, StunCredential? credential = null)
    {
        var m = StunMessage.Parse(data);
        var raw = m.Raw.Span;
        var type = BinaryPrimitives.ReadUInt16BigEndian(raw);
        var sb = new StringBuilder();
        sb.Append("Session Traversal Utilities for NAT (").Append(raw.Length).Append(" bytes)\n");
        sb.Append($"    Message Type: 0x{type:x4} ({m.Description})\n");
        sb.Append($"        Message Method: 0x{(int)m.Method:x3} ({StunMessageType.MethodName(m.Method)})\n");
        sb.Append($"        Message Class: 0x{(int)m.Class:x2} ({StunMessageType.ClassName(m.Class)})\n");
        sb.Append($"    Message Length: {raw.Length - StunMessage.HeaderLength}\n");
        sb.Append($"    Message Cookie: {StunMessage.MagicCookie:x8}\n");
        sb.Append($"    Message Transaction ID: {m.TransactionId}\n");
        sb.Append("    Attributes\n");
        foreach (var (a, offset, ignored) in m.AttributeLayout)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(raw[(offset + 2)..]);
            sb.Append($"        {a.Name} (0x{(ushort)a.Type:x4}), length {length}, at byte {offset}: {a.Describe()}");
            if (a is AddressAttribute { IsXored: true })
                sb.Append($" (X-Port 0x{BinaryPrimitives.ReadUInt16BigEndian(raw[(offset + 6)..]):x4}, X-Address 0x{Convert.ToHexStringLower(raw.Slice(offset + 8, length - 4))})");
            if (a is UnknownAttribute u) sb.Append(u.IsComprehensionRequired ? " [unknown, comprehension-required]" : " [unknown, comprehension-optional]");
            if (ignored) sb.Append(" [ignored: after MESSAGE-INTEGRITY or FINGERPRINT]");
            else if (a is MessageIntegrity) sb.Append(" [").Append(Verdict(m, m.CheckIntegrity<MessageIntegrity>, credential?.Key)).Append(']');
            else if (a is MessageIntegritySha256)
                sb.Append(" [").Append(Verdict(m, m.CheckIntegrity<MessageIntegritySha256>, (credential as LongTermCredential)?.KeySha256 ?? credential?.Key)).Append(']');
            else if (a is Fingerprint) sb.Append(m.CheckFingerprint() == StunVerdict.Valid ? " [correct]" : " [INCORRECT]");
            sb.Append('\n');
        }
        sb.Append("Info: ").Append(StunPayloadDescriber.Info(m)).Append('\n');
        return sb.ToString();
    }

    private delegate StunVerdict Check(ReadOnlySpan<byte> key);

    private static string Verdict(StunMessage m, Check check, byte[]? key) => key is null
        ? "not checked: no credential given"
        : check(key) == StunVerdict.Valid ? "valid for the given credential" : "INVALID for the given credential";
}
