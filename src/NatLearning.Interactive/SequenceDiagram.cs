using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// A Mermaid sequence diagram of a trace. Displayed in a notebook it draws itself; <see cref="Source"/> is the Mermaid
/// text to paste elsewhere. Make one with <c>trace.ToDiagram()</c>.
/// </summary>
public sealed class SequenceDiagram
{
    public SequenceDiagram(string source, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Title = title;
    }

    public string Source { get; }
    public string? Title { get; }

    public static SequenceDiagram Of(Trace trace, MermaidOptions? options = null, string? title = null) => new(trace.ToMermaid(options), title);

    public override string ToString() => Source;
}
