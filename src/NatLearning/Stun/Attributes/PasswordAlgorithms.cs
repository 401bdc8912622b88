namespace NatLearning.Stun.Attributes;

/// <summary>PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms a server offers for long-term keys, most preferred first.</summary>
public sealed record PasswordAlgorithms(IReadOnlyList<PasswordAlgorithm> Algorithms) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.PasswordAlgorithms;
    public override byte[] EncodeValue(TransactionId transactionId) => [.. Algorithms.SelectMany(a => PasswordAlgorithm.Encode(a.Algorithm, a.Parameters))];
    public override string Describe() => string.Join(", ", Algorithms.Select(a => a.Describe()));

    public bool Equals(PasswordAlgorithms? other) => other is not null && Algorithms.Select(a => a.Algorithm).SequenceEqual(other.Algorithms.Select(a => a.Algorithm));
    public override int GetHashCode() => Algorithms.Count;

    internal static PasswordAlgorithms Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        var list = new List<PasswordAlgorithm>();
        for (var at = 0; at < value.Length;)
        {
            at += PasswordAlgorithm.Read(value, at, offset, out var a);
            list.Add(a);
        }
        return new(list);
    }
}
