using System.Net;
using System.Net.Http.Headers;
using GridService.Notifier.Delivery.WeCom;

namespace GridService.Notifier.Delivery.Status;

/// <summary>
/// Delivery administration through a running host's API. The CLI uses it when the host owns the store (the
/// embedded Garnet lives inside the host process and must not be opened twice).
/// </summary>
public sealed class DeliveryAdminClient(HttpClient http, string? token) : IDeliveryAdmin
{
    /// <inheritdoc />
    public async Task<DeliveryListing> ListAsync(string? notice, bool dead, int max, CancellationToken cancellationToken)
    {
        var query = $"/api/deliveries?max={max}" + (notice is null ? "" : "&notice=" + Uri.EscapeDataString(notice)) + (dead ? "&state=dead" : "");
        using var response = await SendAsync(HttpMethod.Get, query, cancellationToken);
        return (await response.Content.ReadFromJsonAsync(DeliveryApiJson.Default.DeliveryListing, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/deliveries/redrive", cancellationToken);
        return (await response.Content.ReadFromJsonAsync(DeliveryApiJson.Default.RedriveResult, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DisabledRobot>> RobotsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/deliveries/robots", cancellationToken);
        return (await response.Content.ReadFromJsonAsync(DeliveryApiJson.Default.IReadOnlyListDisabledRobot, cancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (!string.IsNullOrEmpty(token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw new DeliveryCliException(response.StatusCode == HttpStatusCode.Unauthorized
                ? $"{http.BaseAddress} refused the request (401): set Admin:Token (--Admin:Token <token> or Admin__Token)."
                : $"{http.BaseAddress}{path.TrimStart('/')} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

/// <summary>A CLI failure whose message tells the operator what to do.</summary>
public sealed class DeliveryCliException(string message) : Exception(message);
