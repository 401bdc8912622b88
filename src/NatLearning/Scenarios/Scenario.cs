namespace NatLearning.Scenarios;

/// <summary>A named, seeded story that builds a network, runs it and says what happened.</summary>
public abstract class Scenario
{
    /// <summary>The name the command line uses, e.g. "nat-rule".</summary>
    public abstract string Name { get; }
    public abstract string Title { get; }
    /// <summary>One line for the list of scenarios.</summary>
    public abstract string Summary { get; }

    public abstract ScenarioResult Run(ScenarioOptions options);

    public ScenarioResult Run(long seed = 1) => Run(new ScenarioOptions { Seed = seed });
}
