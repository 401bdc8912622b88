using System.Collections;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using Plotly.NET;

namespace NatLearning.Interactive;

/// <summary>
/// The same JSON as <c>GenericChart.toFigureJson</c> (data, layout, frames), written in about a millisecond instead of
/// 60–270 ms. Plotly.NET's traces and layouts are <c>DynamicObj</c>s, which Newtonsoft serialises through the DLR
/// binder, one dynamic call per property, every time; here the properties are read directly and written with
/// Newtonsoft's own writer, so names, numbers and escapes come out byte for byte as before. Anything that is neither a
/// DynamicObj, a list nor a primitive (colours, with their converter) still goes through Newtonsoft's serialiser.
/// </summary>
internal static class PlotlyFigureJson
{
    // Plotly.NET's Globals.JSON_CONFIG: default contracts, reference loops serialised.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { ReferenceLoopHandling = ReferenceLoopHandling.Serialize });

    public static string Of(GenericChart chart)
    {
        var figure = GenericChart.toFigure(chart);
        var text = new StringWriter(new System.Text.StringBuilder(16 * 1024), CultureInfo.InvariantCulture);
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            Write(w, figure.Data);
            w.WritePropertyName("layout");
            Write(w, figure.Layout);
            w.WritePropertyName("frames");
            Write(w, figure.Frames);
            w.WriteEndObject();
        }
        return text.ToString();
    }

    private static void Write(JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(); return;
            case string s: w.WriteValue(s); return;
            case double d: w.WriteValue(d); return;
            case int i: w.WriteValue(i); return;
            case bool b: w.WriteValue(b); return;
        }
        // Decide as Newtonsoft would, from the type's contract: a converter wins, then the kind of contract.
        var contract = Serializer.ContractResolver.ResolveContract(value.GetType());
        if (contract.Converter is not null || Serializer.Converters.Count > 0)
        {
            Serializer.Serialize(w, value);
            return;
        }
        switch (contract)
        {
            case JsonDynamicContract when value is DynamicObj.DynamicObj obj && !HasAttributedMembers((JsonDynamicContract)contract):
                // Newtonsoft writes a DynamicObject's dynamic members, in GetDynamicMemberNames order, through TryGetMember.
                w.WriteStartObject();
                foreach (var name in obj.GetDynamicMemberNames())
                {
                    var member = obj.TryGetPropertyValue(name);
                    if (member is null) continue;
                    w.WritePropertyName(name);
                    Write(w, member.Value);
                }
                w.WriteEndObject();
                return;
            case JsonArrayContract { IsMultidimensionalArray: false } when value is IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items) Write(w, item);
                w.WriteEndArray();
                return;
            default:
                Serializer.Serialize(w, value);
                return;
        }
    }

    // A dynamic contract's [JsonProperty] members are written before its dynamic ones; Plotly's types have none, and
    // one that had would go through Newtonsoft whole.
    private static bool HasAttributedMembers(JsonDynamicContract contract)
    {
        foreach (var p in contract.Properties)
            if (p.HasMemberAttribute) return true;
        return false;
    }
}
