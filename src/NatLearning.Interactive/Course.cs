using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// The notebook entry point. A course notebook's first cell is
/// <code>
/// #r "../src/NatLearning.Interactive/bin/Debug/net10.0/NatLearning.Interactive.dll"
/// NatLearning.Interactive.Course.Load();
/// </code>
/// and from the next cell on every NatLearning object displays as HTML.
/// </summary>
public static partial class Course
{
    private static readonly Lock Gate = new();

    /// <summary>Registers the HTML and plain-text formatters. Safe to call again (every notebook run calls it once).</summary>
    public static void Load()
    {
        lock (Gate)
        {
            RegisterValueViews();
            Register<Trace>(TraceHtml.Render, t => t.ToPacketList());
            Register<NatTable>(NatTableHtml.Render, t => t.ToText());
            Register<ScenarioResult>(ScenarioResultHtml.Render, r => r.ToText());
            Register<SequenceDiagram>(MermaidHtml.Render, d => d.Source);
            Register<TracePlayer>(TracePlayerHtml.Render, p => p.ToString());
            Register<NatTypesPlayer>(NatTypesPlayerHtml.Render, p => p.ToString());
            Register<Simulation.Network>(TopologyHtml.Render, Simulation.Topology.ToText);
            Register<Stun.StunMessage>(StunMessageHtml.Render, m => Stun.StunDissection.Dissect(m.Raw.Span));
            Register<Turn.Allocation>(TurnAllocationHtml.Render, a => a.ToString());
            Register<Lab.IcePeer>(IceHtml.RenderPeer, Lab.CandidatesTable.ToText);
            Register<Ice.IceAgent>(IceHtml.RenderAgent, Lab.PairGrid.ToText);
            Register<Lab.IceSession>(IceHtml.RenderSession, s => s.Explain().ToString());
            RegisterCharts();
        }
    }

    // Kept apart so that compiling Load never touches a Plotly type: FSharpCoreRedirect must be in place first.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterCharts()
    {
        Register<Plotly.NET.GenericChart>(PlotlyHtml.Render, _ => "(a Plotly chart: open this notebook in VS Code or read it in the HTML book)");
        // Loading Plotly.NET and FSharp.Core and jitting a first figure takes a second or two; do it here, in the
        // notebook's first cell, so that no later cell of a chapter pays for it.
        if (!_chartsWarm)
        {
            _ = PlotlyHtml.Render(LatencyChart.Of([("warm-up", TimeSpan.FromMilliseconds(1))]));
            _chartsWarm = true;
        }
    }

    private static bool _chartsWarm;

    /// <summary>
    /// Presenter mode for a notebook shown on a projector: every NatLearning view rendered after this call is drawn
    /// 1.4 times larger; <c>Presenter(false)</c> goes back to normal size. Only the views change, and only those
    /// rendered afterwards (run the cells again to enlarge earlier ones): VS Code draws each output in its own
    /// webview, so nothing in an output can restyle the notebook page, its markdown or its code. For those, use
    /// VS Code's own zoom (Ctrl+= / "notebook.markup.fontSize", "editor.fontSize"), or present the exported book,
    /// whose presenter mode (key p) enlarges everything and shows one section at a time.
    /// </summary>
    public static void Presenter(bool on = true) => Volatile.Write(ref _presenting, on);

    internal static bool IsPresenting => Volatile.Read(ref _presenting);

    private static bool _presenting;

    // The newest registration for a type and mime type wins, so calling Load again only re-asserts ours.
    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Views.Add(typeof(T));
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
