using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace GridService.Bot.Tests.Security;

/// <summary>Every operator and read route behind the one guard, with the token set.</summary>
public sealed class OperatorRouteTests : IAsyncLifetime, IDisposable
{
    private const string Token = "op-t0ken";
    private static readonly string[] AreaA01 = ["A01"];
    private TestHost _host = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Admin:Token"] = Token });
        _anonymous = new HttpClient { BaseAddress = _host.Http.BaseAddress };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _anonymous?.Dispose();

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/chat/groups/grp-xingfuli/transcript?after=0" },
        { "GET", "/api/chat/groups/dm:wangjianhua/transcript?after=0" },
        { "GET", "/api/groups" },
        { "GET", "/api/workorders" },
        { "POST", "/api/notices" },
        { "GET", "/api/deliveries?notice=N1" },
        { "POST", "/api/deliveries/redrive" },
        { "GET", "/api/deliveries/robots" },
        { "GET", "/api/billing/held" },
        { "GET", "/api/preferences/3101000001" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutTheToken_Returns401EvenFromLoopback(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };

        var response = await _anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task Route_WithTheTokenInAnySchemeCase_IsServed(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chat/groups/grp-xingfuli/transcript?after=0");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Token}");

        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Route_WithAWrongToken_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/groups");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task UnsignedPost_PublishesNothing_NoticeApiNeedsTheToken()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/notices", new
        {
            kind = "planned", areaIds = AreaA01, scope = "全部", start = DateTimeOffset.UtcNow.AddDays(2), end = DateTimeOffset.UtcNow.AddDays(2).AddHours(4), reason = "检修",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
