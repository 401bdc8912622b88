using NatLearning.Interactive;
using NatLearning.Scenarios;

namespace NatLearning.Tests.Interactive;

public class PresenterTests
{
    [Fact]
    public void Presenter_marks_every_view_rendered_afterwards_for_larger_type_until_turned_off()
    {
        var r = ScenarioCatalog.Get("nat-table").Run();
        try
        {
            NatLearning.Interactive.Course.Presenter();
            var large = NatTableHtml.Render(r.Tables[0].Table);
            Assert.StartsWith("<div class=\"nl nl-presenter\">", large);
            Assert.Contains(".nl.nl-presenter { zoom: 1.4; }", large);   // the view carries the rule that enlarges it
            Assert.StartsWith("<div class=\"nl nl-presenter\">", TraceHtml.Render(r.Trace));
        }
        finally
        {
            NatLearning.Interactive.Course.Presenter(false);
        }
        Assert.StartsWith("<div class=\"nl\">", NatTableHtml.Render(r.Tables[0].Table));
    }
}
