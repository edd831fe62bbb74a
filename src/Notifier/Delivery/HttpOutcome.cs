using System.Net;
using GridService.Core.Queues;

namespace GridService.Notifier.Delivery;

/// <summary>Maps an HTTP answer to delivered, transient or permanent, the same way for every webhook.</summary>
public static class HttpOutcome
{
    /// <summary>Named HTTP client of the senders (no request logging: robot URLs carry their key).</summary>
    public const string ClientName = "delivery";

    /// <summary>Largest response body read from a webhook.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>
    /// Returns for 2xx. Throws <see cref="TransientSendException"/> for 429, 408, 409 (the gateway is still handling
    /// the same idempotency key) and 5xx, carrying Retry-After; <see cref="PermanentFailureException"/> for any other
    /// status, with the start of the body so the operator sees the gateway's reason.
    /// </summary>
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string endpoint, TimeProvider time, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var code = (int)response.StatusCode;
        var what = $"{endpoint} answered HTTP {code} {response.ReasonPhrase}";
        var retryAfter = RetryAfter(response, time);
        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict:
                throw new TransientSendException(what, retryAfter);
            case HttpStatusCode.RequestTimeout:
            case >= HttpStatusCode.InternalServerError:
                throw new TransientSendException(what, retryAfter, serverFault: true);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var snippet = body.Length > 200 ? body[..200] + "…" : body;
        throw new PermanentFailureException(snippet.Length > 0 ? $"{what}: {Masking.MaskText(snippet)}" : what);
    }

    /// <summary>The Retry-After header as a delay from now, if present.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero;
        return null;
    }
}
