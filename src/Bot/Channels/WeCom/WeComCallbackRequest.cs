using System.Globalization;
using GridService.Bot.Channels.WeCom.Protocol;
using Microsoft.Extensions.Primitives;

namespace GridService.Bot.Channels.WeCom;

/// <summary>The signed query of a callback: <c>msg_signature</c>, <c>timestamp</c>, <c>nonce</c> and, for the URL check, <c>echostr</c>.</summary>
public readonly record struct CallbackQuery(string Signature, string Timestamp, string Nonce, string EchoStr);

/// <summary>Reads and checks what every WeCom callback carries, and the answers for what is wrong with it.</summary>
public static class WeComCallbackRequest
{
    // WeCom's values are far shorter (echostr is about 90 characters); anything longer is not from WeCom.
    private const int MaxParameterLength = 1024;

    /// <summary>Parses the query; returns what is wrong (for a 400) or null. Each parameter must appear exactly once.</summary>
    public static string? ParseQuery(IQueryCollection query, bool withEcho, out CallbackQuery parsed)
    {
        ArgumentNullException.ThrowIfNull(query);
        parsed = default;
        if (Single(query, "msg_signature", out var signature) is { } e1) return e1;
        if (Single(query, "timestamp", out var timestamp) is { } e2) return e2;
        if (Single(query, "nonce", out var nonce) is { } e3) return e3;
        var echo = "";
        if (withEcho && Single(query, "echostr", out echo) is { } e4) return e4;
        if (timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit)) return "timestamp must be Unix seconds.";

        // The query parser turns '+' into a space, but echostr is Base64, which has no spaces: a proxy or client that
        // sent '+' unescaped meant '+', and the signature was computed over it.
        parsed = new CallbackQuery(signature, timestamp, nonce, echo.Replace(' ', '+'));
        return null;
    }

    /// <summary>True when the timestamp lies within <paramref name="tolerance"/> of now.</summary>
    public static bool IsFresh(string timestamp, TimeProvider time, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var age = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        return Math.Abs(age) <= tolerance.TotalSeconds;
    }

    /// <summary>401 for a callback that is not from WeCom for this bot or app, 400 for one that is malformed.</summary>
    public static IResult Refused(WeComCryptoException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return IsForged(exception.Error)
            ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature", detail: exception.Message)
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: exception.Message);
    }

    /// <summary>True for errors that mean "not signed by the holder of our Token, or not addressed to us".</summary>
    public static bool IsForged(WeComError error) => error is WeComError.ValidateSignature or WeComError.ValidateReceiveId;

    /// <summary>401 for a timestamp outside the tolerance.</summary>
    public static IResult Stale(TimeSpan tolerance) => Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Stale callback", detail: $"The timestamp is more than {tolerance} away from this host's clock.");

    /// <summary>400 for a bad query string.</summary>
    public static IResult BadQuery(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed query", detail: detail);

    /// <summary>413 for a body over the limit.</summary>
    public static IResult TooLarge(int maxBytes) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large", detail: $"The body exceeds {maxBytes} bytes.");

    /// <summary>404 for a name that is not configured.</summary>
    public static IResult Unknown(string kind, string name) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown callback", detail: $"No WeCom {kind} named '{name}' is configured.");

    /// <summary>503 when the store is down: WeCom retries, and nothing was acknowledged that could be lost.</summary>
    public static IResult StoreUnavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Store unavailable", detail: "The message could not be queued; WeCom will retry.");

    /// <summary>The empty 200 that acknowledges a callback.</summary>
    public static IResult Acknowledge() => Results.Ok();

    /// <summary>The caller's address for logs.</summary>
    public static string Remote(HttpRequest request) => request?.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?";

    private static string? Single(IQueryCollection query, string name, out string value)
    {
        value = "";
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0) return $"{name} is missing.";
        if (values.Count > 1) return $"{name} is given {values.Count} times.";
        value = values[0] ?? "";
        if (value.Length == 0) return $"{name} is empty.";
        return value.Length > MaxParameterLength ? $"{name} is longer than {MaxParameterLength} characters." : null;
    }
}
