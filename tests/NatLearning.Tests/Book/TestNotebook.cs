using System.Text.Json.Nodes;

namespace NatLearning.Tests.Book;

/// <summary>Writes small nbformat 4 notebooks with .NET Interactive C# metadata, as VS Code saves them.</summary>
internal static class TestNotebook
{
    public static string LoadCell => $"#r \"{RepoPaths.InteractiveDll}\"\nNatLearning.Interactive.Course.Load();";

    public static string Markdown(string text) => "md:" + text;

    public static void Write(string path, params string[] cells)
    {
        var array = new JsonArray();
        foreach (var c in cells)
        {
            var md = c.StartsWith("md:", StringComparison.Ordinal);
            var cell = new JsonObject
            {
                ["cell_type"] = md ? "markdown" : "code",
                ["metadata"] = md ? new JsonObject() : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["source"] = new JsonArray(md ? c[3..] : c),
            };
            if (!md) { cell["outputs"] = new JsonArray(); cell["execution_count"] = null; }
            array.Add(cell);
        }
        var nb = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp", ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }) } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(path, nb.ToJsonString());
    }
}
