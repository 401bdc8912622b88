using System.Globalization;
using NatLearning.Stun;

namespace NatLearning.Interactive;

/// <summary>Any STUN attribute, one line as Wireshark names it: its name in bold, its decoded value (an XOR address shown decoded), and its type code.</summary>
public static class StunAttributeHtml
{
    public static string Render(StunAttribute a) => Html.View(Body(a));

    internal static string Body(StunAttribute a)
    {
        var xored = a is AddressAttribute { IsXored: true } ? " <span class=\"hop\">(XOR-encoded on the wire, shown decoded)</span>" : "";
        return $"<div class=\"nl-card\"><span class=\"nl-kind\">{Html.E(ValueCardHtml.TypeName(a.GetType()))} · type 0x{((ushort)a.Type).ToString("x4", CultureInfo.InvariantCulture)}</span>"
             + $"<b>{Html.E(a.Name)}</b>: {Html.Code(Describe(a))}{xored}</div>";
    }

    private static string Describe(StunAttribute a)
    {
        try { return a.Describe(); }
        catch (InvalidOperationException e) { return "(" + e.Message + ")"; }
    }
}
