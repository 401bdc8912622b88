using System.Diagnostics.CodeAnalysis;

namespace NatLearning.Addressing;

/// <summary>
/// An IPv4 address (and port) as it is written, "192.168.1.10:5000", formatted straight into the string being built:
/// trace sentences name endpoints on every hop, and this spares an IPEndPoint and two strings each time.
/// </summary>
internal readonly struct EndpointText(uint ip, ushort port, bool withPort = true) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        withPort
            ? destination.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}:{port}", out charsWritten)
            : destination.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}", out charsWritten);

    public string ToString([StringSyntax(StringSyntaxAttribute.NumericFormat)] string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => withPort
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}:{port}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}");
}
