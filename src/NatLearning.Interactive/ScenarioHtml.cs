using NatLearning.Scenarios;

namespace NatLearning.Interactive;

/// <summary>A scenario before it runs: its title in bold, what it shows, and how to run it.</summary>
public static class ScenarioHtml
{
    public static string Render(Scenario s) => Html.View(Body(s));

    internal static string Body(Scenario s) =>
        new Card(Html.E(s.Title), ValueCardHtml.TypeName(s.GetType()))
            .Sub(Html.E(s.Summary))
            .Row("Run it", Html.Code($"ScenarioCatalog.Get(\"{s.Name}\").Run()"))
            .Row("On the terminal", Html.Code($"natlearn scenario {s.Name}"))
            .Body();
}
