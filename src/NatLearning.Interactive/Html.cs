using System.Globalization;
using System.Net;

namespace NatLearning.Interactive;

/// <summary>Small helpers shared by the HTML views.</summary>
internal static class Html
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);

    public static string Short(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A value in monospace (an address, a port, a number to copy).</summary>
    public static string Code(object? value) => $"<code class=\"nl-value\">{E(value is null ? "–" : Convert.ToString(value, CultureInfo.InvariantCulture))}</code>";

    /// <summary>A share such as 0.76 as "76.0 %".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>Wraps a view with the stylesheet; each output carries its own copy so it reads the same alone, in VS Code and in the book.</summary>
    public static string View(string body) => $"<div class=\"{(Course.IsPresenting ? "nl nl-presenter" : "nl")}\">{Styles.Css}{CardStyles.Css}{body}</div>";
}
