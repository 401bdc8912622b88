using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Numerics;
using NatLearning.Addressing;

namespace NatLearning.Cli;

/// <summary>
/// Options whose values are checked while the command line is parsed: a bad value becomes one parse error naming the
/// option (exit 2) and the command never starts. A validator that reads a value that did not parse throws in
/// System.CommandLine, so ranges are checked here, in the parser, never in a validator.
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Whole(string name, string description, int defaultValue, int min, int max = int.MaxValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => Parse(r, name, min, max, defaultValue) };

    /// <summary>A number of seconds, more than 0 and at most <paramref name="max"/>.</summary>
    public static Option<double> Seconds(string name, string description, double defaultValue, double max) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => ParseSeconds(r, name, max, defaultValue) };

    /// <summary>An IPv4 address; <c>null</c> when the option is left out.</summary>
    public static Option<IPAddress?> Address(string name, string description) =>
        new(name) { Description = description, CustomParser = r => ParseText(r, name, Ipv4.Parse) };

    /// <summary>An IPv4 address and port; <c>null</c> when the option is left out.</summary>
    public static Option<IPEndPoint?> Endpoint(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required, CustomParser = r => ParseText(r, name, Ipv4.ParseEndpoint) };

    /// <summary>
    /// Gives every number option of the tree that has no parser of its own (an option added later, say) one that
    /// reports a bad value in words ("not a whole number") instead of System.CommandLine's "type 'System.Int32'".
    /// </summary>
    public static void CheckNumbers(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> { CustomParser: null } o:
                    o.CustomParser = r => Parse(r, o.Name, int.MinValue, int.MaxValue, o.DefaultValueFactory is { } d ? d(r) : 0);
                    break;
                case Option<long> { CustomParser: null } o:
                    o.CustomParser = r => Parse(r, o.Name, long.MinValue, long.MaxValue, o.DefaultValueFactory is { } d ? d(r) : 0);
                    break;
                case Option<double> { CustomParser: null } o:
                    o.CustomParser = r => ParseSeconds(r, o.Name, double.MaxValue, o.DefaultValueFactory is { } d ? d(r) : 0, positive: false);
                    break;
            }
        }
        foreach (var sub in command.Subcommands) CheckNumbers(sub);
    }

    private static T Parse<T>(ArgumentResult r, string name, T min, T max, T defaultValue) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (r.Tokens.Count == 0) return defaultValue;
        var text = r.Tokens[^1].Value;
        var bounds = max != T.MaxValue ? $"{min} to {max}" : min != T.MinValue ? $"at least {min}" : null;
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        // Digits that do not fit the type are a number out of range, not "not a number".
        var digits = text.TrimStart('-', '+');
        r.AddError(digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"{name} must be {bounds ?? $"{min} to {max}"}, not {text}."
            : $"{name} needs a whole number{(bounds is null ? "" : $" ({bounds})")}, not '{text}'.");
        return defaultValue;
    }

    private static double ParseSeconds(ArgumentResult r, string name, double max, double defaultValue, bool positive = true)
    {
        if (r.Tokens.Count == 0) return defaultValue;
        var text = r.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            r.AddError($"{name} needs a number such as 2.5, not '{text}'.");
            return defaultValue;
        }
        if (positive && (value <= 0 || value > max)) r.AddError($"{name} must be more than 0 and at most {max}, not {text}.");
        return value;
    }

    private static T? ParseText<T>(ArgumentResult r, string name, Func<string, T> parse) where T : class
    {
        if (r.Tokens.Count == 0) return null;
        try
        {
            return parse(r.Tokens[^1].Value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            r.AddError($"{name}: {e.Message}");
            return null;
        }
    }
}
