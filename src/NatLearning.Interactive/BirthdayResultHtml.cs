using System.Globalization;
using NatLearning.HolePunching;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>Birthday-paradox probing: the success rate after the most probes in bold, next to the closed form, then every row.</summary>
public static class BirthdayResultHtml
{
    public static string Render(BirthdayResult r) => Html.View(Body(r));

    internal static string Body(BirthdayResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var last = r.Rows.Count > 0 ? r.Rows[^1] : null;
        var verdict = last is null ? "No probes measured"
            : $"After {last.Probes.ToString(c)} probes: {Html.Percent(last.Measured)} connected (formula {Html.Percent(last.ClosedForm)})";
        return new Card(Html.E(verdict), nameof(BirthdayResult))
            .Sub(Html.E(string.Create(c, $"The hard side opens N = {r.Options.OpenPorts} ports; {r.Options.Trials} seeded trials; formula 1 − (1 − N/65536)^k.")))
            .Section(Fold.Table("<table><thead><tr><th>Probes k</th><th>Connected</th><th>Measured</th><th>1 − (1 − N/65536)^k</th></tr></thead>",
                [.. r.Rows.Select(x => string.Create(c, $"<tr><td>{x.Probes}</td><td>{x.Successes} of {x.Trials}</td><td>{Html.Percent(x.Measured)}</td><td>{Html.Percent(x.ClosedForm)}</td></tr>"))]))
            .Body();
    }
}
