using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>
/// The view of the library's small values that have no view of their own (options, events, machines, nodes): the
/// value's own one-line description in bold, then its public properties one level deep, each shown by its
/// <c>ToString</c>. Unlike .NET Interactive's reflection table it never recurses into framework types (reading
/// <c>IPAddress.ScopeId</c> of an IPv4 address throws), never reads span properties, and a property that throws
/// shows its exception's name instead of breaking the output.
/// </summary>
public static class ValueCardHtml
{
    private const int MaxText = 240;
    private const int MaxItems = 6;

    public static string Render(object value) => Html.View(Body(value));

    internal static string Body(object value)
    {
        var type = value.GetType();
        var own = OwnText(value);
        var card = new Card(Html.E(own is null ? Humanise(type.Name) : Truncate(FirstLine(own))), TypeName(type));
        if (own is not null && own.Contains('\n')) card.Section($"<pre class=\"hex\" style=\"white-space:pre-wrap\">{Html.E(own.TrimEnd())}</pre>");
        foreach (var p in Properties(type)) card.Row(p.Name, Show(Read(p, value)));
        return card.Body();
    }

    /// <summary>The plain-text view: the type's ToText(), or its own ToString(), or a compact "Name { A = 1 }".</summary>
    public static string Text(object value) => OwnText(value) ?? $"{TypeName(value.GetType())} {{ {string.Join(", ", Properties(value.GetType()).Select(p => $"{p.Name} = {Plain(Read(p, value))}"))} }}";

    // A ToText() method or a hand-written ToString(); a record's generated ToString reads every property, so it is no description.
    private static string? OwnText(object value)
    {
        var type = value.GetType();
        try
        {
            if (type.GetMethod("ToText", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { ReturnType: var r } toText && r == typeof(string))
                return (string?)toText.Invoke(value, null);
            var toString = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            if (toString is null || toString.DeclaringType == typeof(object) || toString.DeclaringType == typeof(ValueType)
                || toString.IsDefined(typeof(CompilerGeneratedAttribute))) return null;
            return value.ToString();
        }
        catch (TargetInvocationException) { return null; }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && !p.PropertyType.IsByRefLike && !p.PropertyType.IsPointer)
            .OrderBy(p => p.MetadataToken);

    private static (object? Value, Exception? Error) Read(PropertyInfo p, object value)
    {
        try { return (p.GetValue(value), null); }
        catch (TargetInvocationException e) { return (null, e.InnerException ?? e); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException) { return (null, e); }
    }

    private static string Show((object? Value, Exception? Error) read) =>
        read.Error is { } e ? $"<i>(unavailable: {Html.E(e.GetType().Name)})</i>"
        : read.Value is null ? "–"
        : Html.E(Plain(read));

    private static string Plain((object? Value, Exception? Error) read) => read switch
    {
        { Error: { } e } => $"(unavailable: {e.GetType().Name})",
        { Value: null } => "null",
        { Value: var v } => Short(v),
    };

    /// <summary>One value in one line, never recursing into it.</summary>
    internal static string Short(object v) => v switch
    {
        string s => Truncate(s),
        TimeSpan t => Html.Short(t),
        IPEndPoint or IPAddress => v.ToString()!,
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        byte[] bytes => Fold.Count(bytes.Length, "byte", "bytes"),
        ReadOnlyMemory<byte> m => Fold.Count(m.Length, "byte", "bytes"),
        Memory<byte> m => Fold.Count(m.Length, "byte", "bytes"),
        IEnumerable items => Items(items),
        _ => OwnLine(v),
    };

    private static string Items(IEnumerable items)
    {
        // Only the first few items are read: a property may be a long trace or a lazy sequence.
        var list = new List<string>();
        var more = false;
        foreach (var item in items)
        {
            if (list.Count == MaxItems) { more = true; break; }
            list.Add(item is null ? "null" : item is IEnumerable and not string ? TypeName(item.GetType()) : Short(item));
        }
        if (list.Count == 0) return "(none)";
        var total = items is ICollection c ? $" ({c.Count} in all)" : "";
        return Truncate(string.Join(", ", list) + (more ? ", …" + total : ""));
    }

    private static string OwnLine(object v)
    {
        var type = v.GetType();
        if (type.IsGenericType && type.Name.StartsWith("ValueTuple", StringComparison.Ordinal)) return Truncate(v.ToString() ?? "");
        return OwnText(v) is { } own ? Truncate(FirstLine(own)) : TypeName(type);
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0].TrimEnd();

    private static string Truncate(string s) => s.Length <= MaxText ? s : s[..(MaxText - 1)] + "…";

    internal static string TypeName(Type t) => t.IsNested ? $"{TypeName(t.DeclaringType!)}.{t.Name}" : t.Name;

    /// <summary>"PopulationOptions" → "Population options".</summary>
    internal static string Humanise(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (i > 0 && char.IsUpper(ch) && !char.IsUpper(name[i - 1])) sb.Append(' ').Append(char.ToLowerInvariant(ch));
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
