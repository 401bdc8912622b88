namespace NatLearning.Scenarios;

/// <summary>Every scenario the course and the command line know, by name.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new DirectScenario(),
        new HiddenDeviceScenario(),
        new NatRuleScenario(),
        new NatTableScenario(),
        new HolePunchScenario(),
        new HairpinScenario(),
        new StunScenario(),
        new BirthdayScenario(),
        new TurnScenario(),
        new RelayCostScenario(),
        new IceScenario(),
        new IceGridScenario(),
        new PopulationScenario(),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static bool TryGet(string name, out Scenario scenario)
    {
        scenario = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return scenario is not null;
    }

    /// <summary>A scenario by name; an unknown name gives an ArgumentException listing the valid ones.</summary>
    public static Scenario Get(string name) =>
        TryGet(name, out var s) ? s : throw new ArgumentException($"Unknown scenario '{name}'. Valid: {string.Join(", ", Names)}.", nameof(name));
}
