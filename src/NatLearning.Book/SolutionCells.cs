using System.Text.Json.Nodes;

namespace NatLearning.Book;

/// <summary>Finds and removes cells tagged <c>solution</c>, wherever nbformat or Polyglot Notebooks keep cell tags.</summary>
public static class SolutionCells
{
    public const string Tag = "solution";

    /// <summary>The notebook JSON without its solution cells; the count removed comes back too.</summary>
    public static (string Json, int Removed) Strip(string ipynbJson)
    {
        var root = JsonNode.Parse(ipynbJson) as JsonObject ?? throw new FormatException("The notebook is not a JSON object.");
        if (root["cells"] is not JsonArray cells) return (ipynbJson, 0);
        var removed = 0;
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (!IsSolution(cells[i])) continue;
            cells.RemoveAt(i);
            removed++;
        }
        return (removed == 0 ? ipynbJson : root.ToJsonString(), removed);
    }

    public static bool IsSolution(JsonNode? cell)
    {
        var metadata = cell?["metadata"];
        // nbformat keeps tags in metadata.tags; Polyglot writes them under its own key too.
        return HasTag(metadata?["tags"]) || HasTag(metadata?["polyglot_notebook"]?["tags"]) || HasTag(metadata?["dotnet_interactive"]?["tags"]);
    }

    private static bool HasTag(JsonNode? tags) =>
        tags is JsonArray a && a.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, Tag, StringComparison.OrdinalIgnoreCase));
}
