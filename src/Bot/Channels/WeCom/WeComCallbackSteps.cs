using GridService.Bot.Channels.Bridge;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Channels.WeCom;

/// <summary>The steps every WeCom callback goes through before its message is looked at: query, freshness, size, signature, decryption.</summary>
internal static class WeComCallbackSteps
{
    /// <summary>Answers the GET URL check with the bare decrypted echostr, or says what is wrong.</summary>
    public static IResult VerifyUrl(
        string kind, string name, WeComCrypto crypto, HttpRequest request, WeComOptions options, TimeProvider time, ILogger logger)
    {
        if (WeComCallbackRequest.ParseQuery(request.Query, withEcho: true, out var query) is { } error)
        {
            WeComLog.Malformed(logger, kind, name, WeComCallbackRequest.Remote(request), error);
            return WeComCallbackRequest.BadQuery(error);
        }

        if (!WeComCallbackRequest.IsFresh(query.Timestamp, time, options.TimestampTolerance))
        {
            WeComLog.Forged(logger, kind, name, WeComCallbackRequest.Remote(request), "stale timestamp");
            return WeComCallbackRequest.Stale(options.TimestampTolerance);
        }

        try
        {
            var plain = crypto.VerifyUrl(query.Signature, query.Timestamp, query.Nonce, query.EchoStr);
            WeComLog.Verified(logger, kind, name);
            return Results.Text(plain, "text/plain; charset=utf-8");
        }
        catch (WeComCryptoException ex)
        {
            return Refuse(kind, name, request, ex, logger);
        }
    }

    /// <summary>
    /// Reads, verifies and decrypts a POST callback with <paramref name="decrypt"/> (a codec's DecryptMessage).
    /// Returns the message, or the refusal to answer with: 400 malformed, 401 forged or stale, 413 too large.
    /// </summary>
    public static async Task<(T? Message, IResult? Refusal)> OpenAsync<T>(
        string kind, string name, WeComCrypto crypto, HttpRequest request, WeComOptions options, TimeProvider time, ILogger logger,
        Func<WeComCrypto, byte[], CallbackQuery, int, T> decrypt)
        where T : class
    {
        var remote = WeComCallbackRequest.Remote(request);
        if (WeComCallbackRequest.ParseQuery(request.Query, withEcho: false, out var query) is { } error)
        {
            WeComLog.Malformed(logger, kind, name, remote, error);
            return (null, WeComCallbackRequest.BadQuery(error));
        }

        if (!WeComCallbackRequest.IsFresh(query.Timestamp, time, options.TimestampTolerance))
        {
            WeComLog.Forged(logger, kind, name, remote, "stale timestamp");
            return (null, WeComCallbackRequest.Stale(options.TimestampTolerance));
        }

        byte[]? body;
        try
        {
            body = await RequestBody.ReadAsync(request, options.MaxBodyBytes, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusals (a body shorter than its Content-Length, a broken chunk): the client's fault.
            WeComLog.Malformed(logger, kind, name, remote, ex.Message);
            return (null, Results.Problem(statusCode: ex.StatusCode, title: "Malformed request", detail: "The request body could not be read."));
        }

        if (body is null)
        {
            WeComLog.Malformed(logger, kind, name, remote, $"body over {options.MaxBodyBytes} bytes");
            return (null, WeComCallbackRequest.TooLarge(options.MaxBodyBytes));
        }

        try
        {
            return (decrypt(crypto, body, query, options.MaxBodyBytes), null);
        }
        catch (WeComCryptoException ex)
        {
            return (null, Refuse(kind, name, request, ex, logger));
        }
    }

    private static IResult Refuse(string kind, string name, HttpRequest request, WeComCryptoException ex, ILogger logger)
    {
        if (WeComCallbackRequest.IsForged(ex.Error)) WeComLog.Forged(logger, kind, name, WeComCallbackRequest.Remote(request), ex.Message);
        else WeComLog.Malformed(logger, kind, name, WeComCallbackRequest.Remote(request), ex.Message);
        return WeComCallbackRequest.Refused(ex);
    }
}
