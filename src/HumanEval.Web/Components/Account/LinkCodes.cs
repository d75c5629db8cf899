using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace HumanEval.Web.Components.Account;

/// <summary>The token in an emailed or copied link (base64url of UTF-8); null when the link was cut or altered, so the page says "not valid" instead of failing.</summary>
internal static class LinkCodes
{
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
