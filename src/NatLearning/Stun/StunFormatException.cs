using System.Runtime.CompilerServices;

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

    /// <summary>Like the string overload, but the message is only formatted when the condition fails (parsing is hot in large simulations).</summary>
    internal static void Require(bool condition, int offset, [InterpolatedStringHandlerArgument(nameof(condition))] ref ProblemHandler problem)
    {
        if (!condition) throw new StunFormatException(offset, problem.ToStringAndClear());
    }

    [InterpolatedStringHandler]
    internal ref struct ProblemHandler
    {
        private DefaultInterpolatedStringHandler _inner;

        public ProblemHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
        {
            shouldAppend = !condition;
            _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);
        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
        public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);
        public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);
        public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);
        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
