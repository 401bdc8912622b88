using System.Text.Json.Nodes;

namespace NatLearning.Book;

/// <summary>
/// The cells of an exercise, by their tags: the student edits the cell tagged <c>exercise:ID</c>, a later cell tagged
/// <c>check:ID</c> says "✔ Right" or "✘ Not yet", and the teachers' edition adds the solution (from
/// <see cref="SolutionFile"/>) as a cell tagged <c>solution</c> right after the student's cell.
/// </summary>
public static class SolutionCells
{
    public const string Tag = "solution";
    public const string ExercisePrefix = "exercise:";
    public const string CheckPrefix = "check:";

    /// <summary>The notebook JSON without its solution cells; the count removed comes back too.</summary>
    public static (string Json, int Removed) Strip(string ipynbJson)
    {
        var root = Root(ipynbJson);
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

    /// <summary>
    /// The notebook with each solution inserted, as a code cell tagged <c>solution</c>, right after its exercise cell.
    /// Every exercise must have a solution and every solution an exercise: the message names the id that does not.
    /// </summary>
    public static string Merge(string ipynbJson, SolutionFile solutions, string notebookName)
    {
        var root = Root(ipynbJson);
        if (root["cells"] is not JsonArray cells) throw new FormatException($"{notebookName} has no cells array.");
        var byId = solutions.Solutions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (ExerciseId(cells[i]) is not { } id) continue;
            if (!seen.Add(id)) throw new FormatException($"{notebookName}: two cells are tagged {ExercisePrefix}{id}.");
            if (!byId.TryGetValue(id, out var solution))
                throw new FormatException($"{notebookName}: exercise '{id}' has no solution in {Path.GetFileName(solutions.Path)}.");
            cells.Insert(i + 1, SolutionCell(solution));
            i++;
        }
        var orphans = byId.Keys.Where(k => !seen.Contains(k)).ToList();
        if (orphans.Count > 0)
            throw new FormatException($"{Path.GetFileName(solutions.Path)}: no cell of {notebookName} is tagged {ExercisePrefix}{string.Join($", {ExercisePrefix}", orphans)}.");
        return root.ToJsonString();
    }

    private static JsonObject SolutionCell(Solution solution)
    {
        var lines = solution.Code.Split('\n');
        var source = new JsonArray();
        for (var i = 0; i < lines.Length; i++) source.Add(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray(Tag, Tag + ":" + solution.Id),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
    }

    public static bool IsSolution(JsonNode? cell) => Tags(cell).Any(t => string.Equals(t, Tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>The id of the exercise whose student cell this is, else null.</summary>
    public static string? ExerciseId(JsonNode? cell) => Prefixed(cell, ExercisePrefix);

    /// <summary>The id of the exercise whose check this cell is, else null.</summary>
    public static string? CheckId(JsonNode? cell) => Prefixed(cell, CheckPrefix);

    /// <summary>Every tag of a cell, wherever nbformat or Polyglot Notebooks keep them.</summary>
    public static IEnumerable<string> Tags(JsonNode? cell)
    {
        var metadata = cell?["metadata"];
        foreach (var tags in new[] { metadata?["tags"], metadata?["polyglot_notebook"]?["tags"], metadata?["dotnet_interactive"]?["tags"] })
        {
            if (tags is not JsonArray a) continue;
            foreach (var t in a)
                if (t is JsonValue v && v.TryGetValue<string>(out var s)) yield return s;
        }
    }

    private static string? Prefixed(JsonNode? cell, string prefix) =>
        Tags(cell).FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal)) is { } tag ? tag[prefix.Length..].Trim() : null;

    private static JsonObject Root(string ipynbJson) =>
        JsonNode.Parse(ipynbJson) as JsonObject ?? throw new FormatException("The notebook is not a JSON object.");
}
