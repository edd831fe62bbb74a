using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Delivery.WeCom.Api;

/// <summary>
/// Access tokens of the sending apps, cached in Redis per app (CorpID, Secret, AgentId) so every Notifier shares one
/// token and WeCom sees few <c>gettoken</c> calls (it blocks callers who ask often). A token is fetched again
/// <see cref="WeComApiOptions.TokenRefreshMargin"/> before it expires, and at once when WeCom says it is no longer
/// valid: callers that saw the same bad token share one refresh (single flight in the process, a short Redis lock
/// across processes).
/// </summary>
public sealed partial class WeComAccessTokens(
    RedisStore store, IHttpClientFactory clients, IOptionsMonitor<WeComApiOptions> options, TimeProvider time, ILogger<WeComAccessTokens> logger)
{
    private static readonly TimeSpan LockFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _flights = new(StringComparer.Ordinal);

    private string Key(WeComApp app) => $"{store.Keys.Prefix}:wecom-token:{app.Fingerprint}";

    /// <summary>A valid token of <paramref name="app"/>, from the cache or fetched.</summary>
    public async Task<string> GetAsync(WeComApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cached = await ReadAsync(app);
        return cached is not null && Fresh(cached) ? cached.Token : await RefreshAsync(app, cached?.Token, cancellationToken);
    }

    /// <summary>
    /// A token other than <paramref name="stale"/>: the one another caller fetched meanwhile, or a new one. Called when
    /// the cached token is near its end, or when WeCom refused <paramref name="stale"/>.
    /// </summary>
    public async Task<string> RefreshAsync(WeComApp app, string? stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var flight = _flights.GetOrAdd(app.Fingerprint, _ => new SemaphoreSlim(1, 1));
        await flight.WaitAsync(cancellationToken);
        try
        {
            if (await ReadAsync(app) is { } current && current.Token != stale && Fresh(current)) return current.Token;

            // Across processes: one fetches, the others wait a moment for its token.
            var lockKey = Key(app) + ":refresh";
            await using var held = await RedisLock.TryAcquireAsync(store.Db, lockKey, LockFor);
            if (held is null && await WaitForOtherAsync(app, stale, cancellationToken) is { } theirs) return theirs;
            return await FetchAsync(app, cancellationToken);
        }
        finally
        {
            flight.Release();
        }
    }

    private async Task<string?> WaitForOtherAsync(WeComApp app, string? stale, CancellationToken cancellationToken)
    {
        // Real time on purpose: another process's HTTP call takes real time, whatever a test's clock says.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < WaitForOther)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            var fetching = await store.Db.KeyExistsAsync(Key(app) + ":refresh");

            // Read after the lock check: the other stores its token before it lets the lock go.
            if (await ReadAsync(app) is { } current && current.Token != stale && Fresh(current)) return current.Token;
            if (!fetching) return null;
        }

        return null;
    }

    private async Task<string> FetchAsync(WeComApp app, CancellationToken cancellationToken)
    {
        var url = $"{options.CurrentValue.ApiBaseUrl.TrimEnd('/')}/cgi-bin/gettoken?corpid={Uri.EscapeDataString(app.CorpId)}&corpsecret={Uri.EscapeDataString(app.Secret)}";
        using var response = await clients.CreateClient(HttpOutcome.ClientName).GetAsync(url, cancellationToken);
        await HttpOutcome.ThrowIfFailedAsync(response, "WeCom gettoken", time, cancellationToken);
        TokenReply? reply;
        try
        {
            reply = await response.Content.ReadFromJsonAsync(TokenJson.Default.TokenReply, cancellationToken);
        }
        catch (JsonException)
        {
            reply = null;
        }

        if (reply is null) throw new TransientSendException("WeCom gettoken answered with an unreadable body", serverFault: true);
        if (reply.Errcode is { } code && code != 0)
        {
            if (code == -1) throw new TransientSendException("WeCom gettoken: -1 system busy", serverFault: true);
            throw new WeComApiException("gettoken", code, reply.Errmsg ?? "");
        }

        if (string.IsNullOrEmpty(reply.AccessToken)) throw new TransientSendException("WeCom gettoken answered without a token", serverFault: true);
        var lifetime = TimeSpan.FromSeconds(reply.ExpiresIn is > 0 ? reply.ExpiresIn.Value : 7200);
        var cached = new CachedToken(reply.AccessToken, time.GetUtcNow() + lifetime);
        await store.Db.StringSetAsync(Key(app), JsonSerializer.Serialize(cached, TokenJson.Default.CachedToken), lifetime);
        Log.Fetched(logger, app.ToString(), lifetime);
        return cached.Token;
    }

    private async Task<CachedToken?> ReadAsync(WeComApp app)
    {
        RedisValue value = await store.Db.StringGetAsync(Key(app));
        return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, TokenJson.Default.CachedToken);
    }

    private bool Fresh(CachedToken token) => time.GetUtcNow() < token.ExpiresAt - options.CurrentValue.TokenRefreshMargin;

    private static partial class Log
    {
        [LoggerMessage(EventIds.WeComApi, LogLevel.Information, "{App}: fetched an access token valid for {Lifetime}")]
        public static partial void Fetched(ILogger logger, string app, TimeSpan lifetime);
    }
}

/// <summary>A cached token and when it expires (on the injected clock).</summary>
internal sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>gettoken's answer.</summary>
internal sealed record TokenReply(
    [property: JsonPropertyName("errcode")] int? Errcode,
    [property: JsonPropertyName("errmsg")] string? Errmsg,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CachedToken))]
[JsonSerializable(typeof(TokenReply))]
internal sealed partial class TokenJson : JsonSerializerContext;
