using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridService.Core.Notices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Notices;

public sealed class NoticeApiTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private const string Planned = """{"kind":"planned-outage","areas":["A01"],"start":"2026-12-20T08:00:00+08:00","end":"2026-12-20T12:00:00+08:00","reason":"更换变压器"}""";

    [Fact]
    public async Task Post_PlannedOutage_201WithTheIdAndTheSevenDayAndDayBeforeSchedule()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now);

        var response = await PostAsync(host, "/api/notices", Planned);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/notices/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 9, 0, 0, TimeSpan.FromHours(8)), body.GetProperty("announceAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 19, 9, 0, 0, TimeSpan.FromHours(8)), body.GetProperty("reminderAt").GetDateTimeOffset());
        Assert.Equal("城关镇幸福里社区全域", body.GetProperty("scope").GetString());
        var fetched = await host.Http.GetFromJsonAsync<JsonElement>($"/api/notices/{id}");
        Assert.Equal("planned-outage", fetched.GetProperty("kind").GetString());
        Assert.Equal(0, (await host.Services.GetRequiredService<NoticeRequests>().Queue.CountsAsync()).Ready); // not due for 12 days
    }

    [Fact]
    public async Task Post_FaultOutage_QueuedForPostingAtOnce()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now);

        var response = await PostAsync(host, "/api/notices",
            """{"kind":"fault-outage","areas":["A02"],"start":"2026-12-01 09:40","end":"2026-12-01 13:00","reason":"大风刮断导线"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await host.Services.GetRequiredService<NoticeRequests>().Queue.CountsAsync()).Ready);
    }

    [Theory]
    [InlineData("""{"kind":"planned-outage","areas":["A09"],"start":"2026-12-20 08:00","end":"2026-12-20 12:00","reason":"检修"}""", "areas", "Unknown area 'A09'")]
    [InlineData("""{"kind":"planned-outage","areas":["A01"],"start":"2026-12-20 08:00","end":"2026-12-20 07:00","reason":"检修"}""", "end", "after start")]
    [InlineData("""{"kind":"planned-outage","areas":["A01"],"start":"2026-11-20 08:00","end":"2026-11-20 12:00","reason":"检修"}""", "start", "future")]
    [InlineData("""{"kind":"planned-outage","areas":["A01"],"start":"2026-12-20 08:00","end":"2026-12-20 12:00"}""", "reason", "required")]
    [InlineData("""{"kind":"outage","areas":["A01"],"start":"2026-12-20 08:00","end":"2026-12-20 12:00","reason":"检修"}""", "kind", "planned-outage")]
    [InlineData("""{"kind":"planned-outage","areas":["A01"],"start":"20号早上","end":"2026-12-20 12:00","reason":"检修"}""", "start", "not a time")]
    [InlineData("""{"kind":"planned-outage","areas":["A01"],"start":"2026-12-20 08:00","end":"2026-12-20 12:00","reason":"检修","lines":["10kV不存在线"]}""", "lines", "10kV不存在线")]
    public async Task Post_BadInput_400ProblemDetailsNamingTheFieldAndNothingStored(string json, string field, string says)
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now);

        var response = await PostAsync(host, "/api/notices", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").GetProperty(field).EnumerateArray(), e => e.GetString()!.Contains(says, StringComparison.Ordinal));
        Assert.Equal(0, (await host.Services.GetRequiredService<NoticeRequests>().Queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task Post_MalformedJson_400()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now);

        var response = await PostAsync(host, "/api/notices", "{\"kind\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Malformed JSON", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_AdminTokenConfigured_RefusedWithoutTheBearerTokenAcceptedWithIt()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now, new Dictionary<string, string> { ["Admin:Token"] = "s3cret-token" });

        var without = await PostAsync(host, "/api/notices", Planned);
        var wrong = await PostAsync(host, "/api/notices", Planned, "wrong");
        var with = await PostAsync(host, "/api/notices", Planned, "s3cret-token");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Created), (without.StatusCode, wrong.StatusCode, with.StatusCode));
    }

    [Fact]
    public async Task RestoreCancelAmend_WhenTheNoticesStateForbidsIt_409Or404()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now);
        var id = (await (await PostAsync(host, "/api/notices", Planned)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var early = await PostAsync(host, $"/api/notices/{id}/restore", "");
        var cancelled = await PostAsync(host, $"/api/notices/{id}/cancel", """{"changeReason":"施工推迟"}""");
        var again = await PostAsync(host, $"/api/notices/{id}/cancel", """{"changeReason":"施工推迟"}""");
        var amendMissing = await PostAsync(host, "/api/notices/N-none/amend", """{"start":"2026-12-21 08:00","end":"2026-12-21 12:00","changeReason":"x"}""");
        var cancelWithoutReason = await PostAsync(host, $"/api/notices/{id}/cancel", "{}");

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, amendMissing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancelWithoutReason.StatusCode);
    }

    [Fact]
    public async Task Start_BadNotifierConfiguration_StopsStartUpNamingTheValue()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            NotifierWebHost.StartAsync(fixture, Now, new Dictionary<string, string> { ["Audiences:QuietHours"] = "9pm-8am", ["Billing:HoldFor"] = "segment:medical" }));

        Assert.Contains("9pm-8am", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithSchedulesOn_QuartzRunsBothJobsAtStartUp()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now, new Dictionary<string, string> { ["Scheduling:Enabled"] = "true" });
        var watermarks = new GridService.Notifier.Scheduling.Watermarks(host.Store.Store);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await watermarks.GetAsync("notice-schedule") is null || await watermarks.GetAsync("billing-reminders") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The scheduled jobs did not run at start-up.");
            await Task.Delay(100);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(NotifierWebHost host, string path, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Http.SendAsync(request);
    }
}
