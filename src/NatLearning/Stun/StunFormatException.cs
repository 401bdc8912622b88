namespace NatLearning.Stun;

/// <summary>
/// The only exception <see cref="StunMessage.Parse"/> throws: the bytes are not a well-formed STUN message.
/// <see cref="Offset"/> is the byte where the problem was found, counted from the start of the message.
/// </summary>
public sealed class StunFormatException : FormatException
{
    public StunFormatException(int offset, string problem) : base($"{problem} (at byte {offset})")
    {
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Byte offset of the problem from the start of the STUN message.</summary>
    public int Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }

    internal static void Require(bool condition, int offset, string problem)
    {
        if (!condition) throw new StunFormatException(offset, problem);
    }
}
