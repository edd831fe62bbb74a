using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class WorkOrderApiTests : IAsyncLifetime
{
    private WorkOrderHost _wo = null!;

    public async Task InitializeAsync() => _wo = await WorkOrderHost.StartAsync();

    public async Task DisposeAsync() => await _wo.DisposeAsync();

    private HttpClient Http => _wo.Host.Http;

    private async Task<string> OpenAsync(string messageId)
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", messageId);
        return WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == messageId)).Text);
    }

    [Fact]
    public async Task NoOrWrongToken_Unauthorized()
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workorders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/workorders")).StatusCode);
    }

    [Fact]
    public async Task BadInput_AnswersProblemDetailsSayingWhatToFix()
    {
        var id = await OpenAsync("api-bad");

        var status = await Http.GetAsync("/api/workorders?status=done");
        var area = await Http.GetAsync("/api/workorders?area=Z99");
        var missing = await Http.GetAsync("/api/workorders/GD20991231-0001");
        var noResult = await Http.PostAsJsonAsync($"/api/workorders/{id}/resolve", new { by = "wangjianhua" });
        var noBody = await Http.PostAsync($"/api/workorders/{id}/accept", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        var stranger = await Http.PostAsJsonAsync($"/api/workorders/{id}/accept", new { by = "nobody" });
        var badTarget = await Http.PostAsJsonAsync($"/api/workorders/{id}/transfer", new { by = "wangjianhua", to = "火星部" });
        string[] badLimits = ["ten", "0", "-5", "1001"];
        var limits = await Task.WhenAll(badLimits.Select(l => Http.GetAsync($"/api/workorders?limit={l}")));
        var goodLimit = await Http.GetAsync("/api/workorders?limit=1");

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Equal("application/problem+json", status.Content.Headers.ContentType?.MediaType);
        Assert.Contains("open, accepted", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, area.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noResult.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTarget.StatusCode);
        Assert.Contains("运检部", (await badTarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var limit in limits)
        {
            Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
            Assert.StartsWith("limit must be a whole number between 1 and ", (await limit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Single((await goodLimit.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("open", (await _wo.OrderAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AcceptTransferResolve_ChangeTheOrderAndReachThePeople()
    {
        var id = await OpenAsync("api-1");

        var accepted = await Http.PostAsJsonAsync($"/api/workorders/{id}/accept", new { by = "wangjianhua" });
        var transferred = await Http.PostAsJsonAsync($"/api/workorders/{id}/transfer", new { by = "wangjianhua", to = "运检部", note = "需要停电检修" });
        var resolved = await Http.PostAsJsonAsync($"/api/workorders/{id}/resolve", new { by = "sunlihong", result = "运检部更换了故障变压器，已恢复供电" });
        var again = await Http.PostAsJsonAsync($"/api/workorders/{id}/resolve", new { by = "sunlihong", result = "再次办结" });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transferred.StatusCode);
        Assert.Equal("运检部", (await transferred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerId").GetString());
        await _wo.WaitDmAsync("sunlihong", l => l.Kind == "workorder-manager-alert" && l.Text.Contains(id, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var toAsker = await _wo.WaitAsync(l => l.Kind == "workorder-resolved" && l.ReplyTo == "api-1");
        Assert.Contains("更换了故障变压器", toAsker.Text, StringComparison.Ordinal);
        var listed = await _wo.OrdersAsync("?status=resolved&area=A01");
        Assert.Equal(id, Assert.Single(listed).GetProperty("id").GetString());
    }

    [Fact]
    public async Task RetriedPostWithIdempotencyKey_AppliedOnce()
    {
        var id = await OpenAsync("api-idem");
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/workorders/{id}/accept") { Content = JsonContent.Create(new { by = "chenxiaoyu" }) };
        first.Headers.Add("Idempotency-Key", "k-1");
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/workorders/{id}/accept") { Content = JsonContent.Create(new { by = "chenxiaoyu" }) };
        retry.Headers.Add("Idempotency-Key", "k-1");

        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(retry)).StatusCode);

        var order = await _wo.OrderAsync(id);
        Assert.Single(order.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "accepted");
    }
}
