using System.Globalization;
using System.Net;

namespace NatLearning.Interactive;

/// <summary>Small helpers shared by the HTML views.</summary>
internal static class Html
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);

    public static string Short(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    /// <summary>Wraps a view with the stylesheet; each output carries its own copy so it reads the same alone, in VS Code and in the book.</summary>
    public static string View(string body) => $"<div class=\"{(Course.IsPresenting ? "nl nl-presenter" : "nl")}\">{Styles.Css}{body}</div>";
}
