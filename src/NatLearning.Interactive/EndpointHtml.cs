using System.Net;

namespace NatLearning.Interactive;

/// <summary>
/// Addresses and endpoints as their text, "49.36.10.25:62000". .NET Interactive's default view reflects over them,
/// and reading <c>IPAddress.ScopeId</c> of an IPv4 address throws a SocketException right into the output.
/// </summary>
public static class EndpointHtml
{
    public static string Render(IPEndPoint e) => Html.Code(e);

    public static string Render(IPAddress a) => Html.Code(a);
}
