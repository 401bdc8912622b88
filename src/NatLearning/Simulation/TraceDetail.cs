using System.Globalization;
using System.Runtime.CompilerServices;

namespace NatLearning.Simulation;

/// <summary>
/// The sentence of a trace event, written as an interpolated string that is only formatted when the trace is on:
/// with tracing off (big runs) a dropped packet costs no string, and the holes are not even evaluated.
/// </summary>
[InterpolatedStringHandler]
internal ref struct TraceDetail
{
    private DefaultInterpolatedStringHandler _text;

    public TraceDetail(int literalLength, int formattedCount, Network network, out bool enabled)
    {
        enabled = network.Trace.Enabled;
        _text = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
        Enabled = enabled;
    }

    public bool Enabled { get; }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);
    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);
    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The sentence, or an empty string when the trace is off.</summary>
    public string ToStringAndClear() => Enabled ? _text.ToStringAndClear() : "";
}
