namespace NatLearning.Tracing;

/// <summary>What a Mermaid sequence diagram of a trace shows.</summary>
public sealed record MermaidOptions
{
    /// <summary>At most this many arrows; the rest is summed up in a closing note (big diagrams do not fit a projector).</summary>
    public int MaxMessages { get; init; } = 80;
    /// <summary>Notes over a NAT when it rewrites addresses.</summary>
    public bool ShowTranslations { get; init; } = true;
    /// <summary>Notes for mappings created and expired.</summary>
    public bool ShowMappings { get; init; } = true;
    /// <summary>Protocol notes (STUN, TURN, ICE progress).</summary>
    public bool ShowNotes { get; init; } = true;
    /// <summary>Only events that pass this filter are drawn (null: all).</summary>
    public Func<TraceEvent, bool>? Filter { get; init; }
    /// <summary>
    /// The participants named here come first, left to right in this order; the others follow in order of first
    /// appearance. Null (the default): a network's trace follows its topology (<see cref="Trace.NodesLeftToRight"/>), a
    /// trace made on its own the order of first appearance; empty: the order of first appearance.
    /// </summary>
    public IReadOnlyList<string>? ParticipantOrder { get; init; }
    /// <summary>Number each arrow (Mermaid's autonumber).</summary>
    public bool AutoNumber { get; init; } = true;
    /// <summary>
    /// Arrows labelled like Wireshark's Info column alone ("Binding Request"), notes kept short; addresses, attributes and
    /// NAT rewrites are left to <see cref="DiagramArrow"/> (a diagram view shows them as tooltips and a table).
    /// Null (the default): <see cref="Trace.ToMermaid"/> writes full labels, a diagram view short ones.
    /// </summary>
    public bool? ShortLabels { get; init; }
    /// <summary>The first arrow drawn, by its number in the whole trace (from 1): with <see cref="MaxMessages"/> a window of steps.</summary>
    public int FirstMessage { get; init; } = 1;
    /// <summary>At most this many arrows in one phase of <see cref="MermaidSequence.Phases"/>; a longer phase is split.</summary>
    public int PhaseSize { get; init; } = 16;
}
