using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.Api;

/// <summary>
/// Calls WeCom's REST API as one app: <c>POST {ApiBaseUrl}/cgi-bin/{api}?access_token=…</c> with a JSON body. When
/// WeCom says the token is invalid, expired or missing (40014, 42001, 41001) the token is refreshed and the call made
/// once more; a second refusal is not retried (no loops). -1 (busy) is a transient failure; any other non-zero
/// errcode is a <see cref="WeComApiException"/> the sender maps.
/// </summary>
public sealed class WeComApiClient(IHttpClientFactory clients, WeComAccessTokens tokens, IOptionsMonitor<WeComApiOptions> options, TimeProvider time)
{
    // Chinese as UTF-8, as WeCom asks for, and readable in fakes and captures.
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Posts <paramref name="body"/> to <paramref name="api"/> (e.g. <c>message/send</c>) and returns WeCom's answer.</summary>
    public async Task<JsonElement> PostAsync(WeComApp app, string api, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(body);
        var json = body.ToJsonString(BodyJson);
        var token = await tokens.GetAsync(app, cancellationToken);
        for (var refreshed = false; ; refreshed = true)
        {
            var answer = await PostOnceAsync(api, token, json, cancellationToken);
            var code = answer.TryGetProperty("errcode", out var e) && e.TryGetInt32(out var c) ? c : 0;
            if (code == 0) return answer;
            var errmsg = answer.TryGetProperty("errmsg", out var m) ? m.GetString() ?? "" : "";
            switch (WeComApiErrors.Classify(code))
            {
                case WeComErrorKind.Token when !refreshed:
                    token = await tokens.RefreshAsync(app, token, cancellationToken);
                    continue;
                case WeComErrorKind.Busy:
                    throw new TransientSendException($"WeCom {api}: -1 system busy", serverFault: true);
                default:
                    throw new WeComApiException(api, code, errmsg);
            }
        }
    }

    private async Task<JsonElement> PostOnceAsync(string api, string token, string json, CancellationToken cancellationToken)
    {
        var url = $"{options.CurrentValue.ApiBaseUrl.TrimEnd('/')}/cgi-bin/{api}?access_token={Uri.EscapeDataString(token)}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await clients.CreateClient(HttpOutcome.ClientName).PostAsync(url, content, cancellationToken);
        await HttpOutcome.ThrowIfFailedAsync(response, "WeCom " + api, time, cancellationToken);
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new TransientSendException($"WeCom {api} answered with an unreadable body", serverFault: true);
        }
    }
}
