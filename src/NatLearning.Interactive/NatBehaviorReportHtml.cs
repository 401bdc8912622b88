using System.Globalization;
using System.Text;
using NatLearning.Nat;
using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>RFC 5780 behaviour discovery: the NAT type in bold, the public address it gave, then mapping, filtering, hairpinning and lifetime, then the tests that found them.</summary>
public static class NatBehaviorReportHtml
{
    public static string Render(NatBehaviorReport r) => Html.View(Body(r));

    internal static string Body(NatBehaviorReport r)
    {
        var decided = r.Behavior is not null || r.BehindNat == false;
        var verdict = new StringBuilder(Html.E(Capitalise(r.ClassicName) + (r.Behavior is { Translates: true } && r.BehindNat != false ? " NAT" : "")));
        if (r.Behavior is { } b && r.BehindNat != false) verdict.Append($" <span class=\"badge\">{Html.E(b.ShortName)}</span>");
        var card = new Card(verdict.ToString(), nameof(NatBehaviorReport), decided ? Tone.Info : Tone.Warn);
        card.Sub(r.MappedAddress is { } m
            ? $"The socket {Html.Code(r.Local)} appears to the STUN server {Html.Code(r.Server)} as {Html.Code(m)}."
            : $"The STUN server {Html.Code(r.Server)} never answered the socket {Html.Code(r.Local)}.");
        card.Row("Problem", r.Problem is null ? null : $"<span class=\"drop\">{Html.E(r.Problem)}</span>")
            .Row("Mapping", r.Mapping is { } mb ? Html.E(NatBehavior.Describe(mb)) : "unknown")
            .Row("Filtering", r.Filtering is { } fb ? Html.E(NatBehavior.Describe(fb)) : "unknown")
            .Row("Hairpinning", r.Hairpinning switch { true => "yes", false => "no", null => "not tested" })
            .Row("Mapping lifetime", Lifetime(r))
            .Row("Server's other address", r.OtherAddress is null ? null : Html.Code(r.OtherAddress));
        if (r.Steps.Count > 0)
        {
            var steps = new StringBuilder($"<details open><summary>{Html.E(Fold.Count(r.Steps.Count, "test", "tests"))} (RFC 5780 §4)</summary><ol>");
            foreach (var s in r.Steps) steps.Append("<li>").Append(Html.E(s)).Append("</li>");
            card.Section(steps.Append("</ol></details>").ToString());
        }
        return card.Body();
    }

    private static string? Lifetime(NatBehaviorReport r)
    {
        var c = CultureInfo.InvariantCulture;
        return (r.MappingAliveAfter, r.MappingGoneAfter) switch
        {
            ({ } a, { } g) => string.Create(c, $"alive after {a.TotalSeconds:0} s idle, gone after {g.TotalSeconds:0} s"),
            ({ } a, null) => string.Create(c, $"still alive after {a.TotalSeconds:0} s idle (the longest probe)"),
            (null, { } g) => string.Create(c, $"gone already after {g.TotalSeconds:0} s idle"),
            _ => null,
        };
    }

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
