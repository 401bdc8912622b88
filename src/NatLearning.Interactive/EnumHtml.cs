using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>Any enum value as its name (the RFC's word), with the RFC 4787 wording for mapping and filtering behaviours.</summary>
public static class EnumHtml
{
    public static string Render(Enum value) => value switch
    {
        MappingBehavior m => $"{Html.Code(value)} <span class=\"hop\" style=\"color:#455a64\">({Html.E(NatBehavior.Describe(m))} mapping)</span>",
        FilteringBehavior f => $"{Html.Code(value)} <span class=\"hop\" style=\"color:#455a64\">({Html.E(NatBehavior.Describe(f))} filtering)</span>",
        _ => Html.Code(value),
    };
}
