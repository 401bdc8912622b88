using System.Globalization;
using System.Text;
using NatLearning.HolePunching;

namespace NatLearning.Lab;

/// <summary>One row: after k probes, how often did the simulation connect, next to the closed form.</summary>
/// <param name="ClosedForm">1 − (1 − N/65536)^k.</param>
public sealed record BirthdayRow(int Probes, int Successes, int Trials, double ClosedForm)
{
    public double Measured => (double)Successes / Trials;
}

/// <summary>The measured success rates of the birthday-paradox technique.</summary>
public sealed class BirthdayResult
{
    internal BirthdayResult(BirthdayOptions options, IReadOnlyList<BirthdayRow> rows, IReadOnlyList<int?> firstHits)
    {
        Options = options;
        Rows = rows;
        FirstHits = firstHits;
    }

    public BirthdayOptions Options { get; }
    public IReadOnlyList<BirthdayRow> Rows { get; }

    /// <summary>Per trial: the number of the first probe that got through (null when none of the probes did).</summary>
    public IReadOnlyList<int?> FirstHits { get; }

    /// <summary>The success rate after k probes for any k up to the largest probed.</summary>
    public double MeasuredAt(int probes) => FirstHits.Count(h => h <= probes) / (double)FirstHits.Count;

    /// <summary>1 − (1 − N/65536)^k: each probe independently hits one of N open ports among 65536.</summary>
    public static double ClosedForm(int openPorts, int probes) => 1 - Math.Pow(1 - openPorts / 65536.0, probes);

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Birthday-paradox probing: hard side opens N = {Options.OpenPorts} ports, {Options.Trials} seeded trials\n");
        sb.Append("  probes k   measured   1 − (1 − N/65536)^k\n");
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture, $"  {r.Probes,8}   {r.Measured,8:P2}   {r.ClosedForm,10:P2}\n");
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
