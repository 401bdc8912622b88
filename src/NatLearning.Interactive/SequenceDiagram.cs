using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// A Mermaid sequence diagram of a trace. Displayed in a notebook it draws itself at a size a projector can show, a long
/// trace in phases (<see cref="Phases"/>) with a picker; <see cref="Source"/> is the Mermaid text of the whole trace to paste
/// elsewhere. Make one with <c>trace.ToDiagram()</c>, or <c>trace.ToDiagram(around: 40)</c> for the steps around arrow 40.
/// </summary>
public sealed class SequenceDiagram
{
    public SequenceDiagram(string source, string? title = null)
        : this(source, title, [new MermaidPhase("", Check(source), [], [])])
    {
    }

    private SequenceDiagram(string source, string? title, IReadOnlyList<MermaidPhase> phases)
    {
        Source = source;
        Title = title;
        Phases = phases;
    }

    public string Source { get; }
    public string? Title { get; }
    /// <summary>The parts drawn one at a time; a short trace has one.</summary>
    public IReadOnlyList<MermaidPhase> Phases { get; }

    /// <summary>The diagram of a trace, with short arrow labels unless <paramref name="options"/> asks for full ones.</summary>
    public static SequenceDiagram Of(Trace trace, MermaidOptions? options = null, string? title = null)
    {
        var o = options ?? new MermaidOptions();
        o = o with { ShortLabels = o.ShortLabels ?? true };
        return new(trace.ToMermaid(o), title, MermaidSequence.Phases(trace, o));
    }

    public override string ToString() => Source;

    private static string Check(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return source;
    }
}
