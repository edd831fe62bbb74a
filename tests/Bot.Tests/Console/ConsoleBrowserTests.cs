using System.Text.RegularExpressions;
using GridService.Bot.Knowledge;
using GridService.Bot.Misses;
using GridService.Bot.Misses.Overlay;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Notices;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace GridService.Bot.Tests.StaffConsole;

/// <summary>One host with the sample county and one headless Chromium for the console's browser tests.</summary>
public sealed class ConsoleSite : IAsyncLifetime
{
    /// <summary>The demo password of the sample roster (README).</summary>
    public const string Password = "grid-demo-2026";

    public TestHost Host { get; private set; } = null!;

    public ConsoleBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!ConsoleBrowser.Available) return;
        Host = await TestHost.StartAsync();
        Browser = ConsoleBrowser.Start(Host.Http.BaseAddress!);
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>
/// The console as its users meet it, in a real browser: a manager handling a hazard reported in a group, what a
/// supervisor and a manager see, the lockout, and a notice published from the console. Each page is captured at
/// phone and desk width into the test output's <c>screenshots/</c>.
/// </summary>
public sealed partial class ConsoleBrowserTests(ConsoleSite site) : IClassFixture<ConsoleSite>
{
    private const string Password = ConsoleSite.Password;

    private TestHost Host => site.Host;

    private ConsoleBrowser Browser => site.Browser;

    [ChromiumFact]
    public async Task Manager_HazardReportedInTheGroup_ResolvesItAndTheResidentsGroupGetsTheResult()
    {
        await Host.SayAsync("grp-xingfuli", "u-xfl-003", "@小电 南门口电线断了掉在地上，还在冒火花", "hz-1");
        var created = await Host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "hz-1" && l.Kind == "workorder-created");
        var orderId = OrderNumber().Match(created.Text).Value;
        Assert.NotEmpty(orderId);

        Browser.SignIn("wangjianhua", Password);
        ConsoleBrowser.Wait(() => Browser.MainText.Contains("今日概况", StringComparison.Ordinal), "the Today page after signing in");
        Assert.Contains(orderId, Browser.MainText, StringComparison.Ordinal);
        Browser.Screenshot("today.manager");

        Browser.Open("/console/orders");
        var row = Browser.Find($"tr[data-order='{orderId}']");
        Assert.Contains("紧急", row.Text, StringComparison.Ordinal);
        Browser.Screenshot("orders");

        Browser.Click($"tr[data-order='{orderId}'] a");
        ConsoleBrowser.Wait(() => Browser.CurrentPath.EndsWith(orderId, StringComparison.Ordinal), "the order's page");
        Assert.Contains("南门口电线断了", Browser.MainText, StringComparison.Ordinal);
        Browser.Screenshot("order");

        Browser.Type("#result", "抢修班已到场，断线已重新接好并加固，现场已恢复安全。");
        Browser.Click("#resolve");
        ConsoleBrowser.Wait(() => Browser.MainText.Contains("已办结", StringComparison.Ordinal), "the resolve confirmation");
        Assert.Contains("已办结待评价", Browser.Find("#order-status").Text, StringComparison.Ordinal);

        var result = await Host.WaitForAsync("grp-xingfuli", l => l.Kind == "workorder-resolved" && l.ReplyTo == "hz-1");
        Assert.Contains("断线已重新接好", result.Text, StringComparison.Ordinal);
        Assert.Single(await Host.TranscriptAsync("grp-xingfuli"), l => l.Kind == "workorder-resolved");
        Browser.Screenshot("order.resolved");
    }

    [ChromiumFact]
    public async Task Supervisor_SeesTheTwoAreasTheySupervise_AndAManagerOnlyTheirOwn()
    {
        // The sample county has one supervisor for all three areas; give 石门村 its own.
        var directory = Host.Services.GetRequiredService<GridDirectory>();
        await directory.SaveStaffAsync(new Staff("zhoujun", "周军", "13900000019", StaffRole.Supervisor, "工作日 8:30-17:30"));
        await directory.SaveAreaAsync((await directory.GetAreaAsync("A03"))! with { SupervisorId = "zhoujun" });

        Browser.SignIn("sunlihong", Password);
        ConsoleBrowser.Wait(() => Browser.All("#areas tr[data-area]").Count > 0, "the supervisor's areas");
        Assert.Equal(["A01", "A02"], Browser.All("#areas tr[data-area]").Select(r => r.GetAttribute("data-area")));
        var managers = Browser.Find("#managers").Text;
        Assert.Contains("王建华", managers, StringComparison.Ordinal);
        Assert.Contains("刘春梅", managers, StringComparison.Ordinal);
        Assert.DoesNotContain("赵德明", managers, StringComparison.Ordinal);
        Browser.Screenshot("today.supervisor");

        Browser.SignIn("wangjianhua", Password);
        ConsoleBrowser.Wait(() => Browser.All("#areas tr[data-area]").Count > 0, "the manager's areas");
        Assert.Equal(["A01"], Browser.All("#areas tr[data-area]").Select(r => r.GetAttribute("data-area")));
        Assert.Empty(Browser.All("#managers"));
        Browser.Open("/console/groups/grp-liulin");
        Assert.Empty(Browser.All("#conversation"));
        Browser.Open("/console/groups");
        Assert.DoesNotContain("柳林村", Browser.Find("#groups").Text, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void WrongPassword_FiveTimes_LocksTheAccountEvenForTheRightPassword()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Browser.SignIn("liuchunmei", "not-the-password-" + attempt);
            var error = Browser.Find("#login-error").Text;
            if (attempt == 4) Assert.Contains("还可以再试1次", error, StringComparison.Ordinal);
            if (attempt == 5) Assert.Contains("已锁定", error, StringComparison.Ordinal);
        }

        Browser.Screenshot("login.locked");
        Browser.SignIn("liuchunmei", Password);
        Assert.Contains("已锁定", Browser.Find("#login-error").Text, StringComparison.Ordinal);
        Assert.StartsWith("/console/login", Browser.CurrentPath, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Notice_CreatedInTheConsole_ReachesTheGroupOnceWithThePreviewsText()
    {
        Browser.SignIn("zhaodeming", Password);
        ConsoleBrowser.Wait(() => Browser.MainText.Contains("今日概况", StringComparison.Ordinal), "the Today page");
        Browser.Open("/console/notices/new");
        var day = Zones.Today(TimeProvider.System, Zones.Find(Zones.Default)).AddDays(3);
        Browser.SetValue("#start", $"{day:yyyy-MM-dd}T09:00");
        Browser.SetValue("#end", $"{day:yyyy-MM-dd}T17:00");
        Browser.Type("#scope", "石门村东头1号台区");
        Browser.Type("#reason", "更换老旧变压器");
        var preview = ConsoleBrowser.Wait(() =>
        {
            var text = ((IJavaScriptExecutor)Browser.Driver).ExecuteScript("return document.getElementById('preview').textContent") as string ?? "";
            return text.Contains("更换老旧变压器", StringComparison.Ordinal) && text.Contains("石门村东头1号台区", StringComparison.Ordinal) ? text : null;
        }, "the live preview with the typed scope and reason");
        Browser.Screenshot("notice.new");

        Browser.Click("#publish");
        try
        {
            ConsoleBrowser.Wait(() => Browser.All("#notice-state").Count > 0, "the published notice's page", TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            var dead = await Host.Services.GetRequiredService<NoticeRequests>().Queue.DeadLettersAsync();
            throw new TimeoutException($"Not published. Page {Browser.CurrentPath}: {Browser.Driver.PageSource}\nDead notice requests: {string.Join("; ", dead.Select(d => d.LastError))}");
        }
        var posted = await Host.WaitForAsync("grp-shimen", l => l.Kind == "planned-outage");
        // The transcript stores what the group saw with personal numbers masked (the manager's work phone included).
        Assert.Equal(GridService.Core.Masking.MaskText(preview.Trim()), posted.Text);

        // Once: by the time its delivery is recorded as sent, nothing else is on its way.
        ConsoleBrowser.Wait(() =>
        {
            Browser.Driver.Navigate().Refresh();
            return Browser.All("#deliveries").Count > 0 && Browser.Find("#deliveries").Text.Contains("已送达", StringComparison.Ordinal);
        }, "the group delivery recorded as sent", TimeSpan.FromSeconds(20));
        Assert.Single(await Host.TranscriptAsync("grp-shimen"), l => l.Kind == "planned-outage");
        Assert.Equal(preview.Trim(), Browser.Find("#notice-text").Text.Trim());
        Browser.Screenshot("notice");
        Browser.Open("/console/notices");
        Browser.Screenshot("notices");
    }

    [ChromiumFact]
    public async Task ServiceCentre_EveryPageRenders_AndAReviewedPhrasingReachesTheOverlay()
    {
        // Two misses in other words (recorded directly: which questions the engine misses is the engine's business),
        // the second an answer its asker rated 👎, decided as the engine still decides it: that topic is not offered first.
        var misses = Host.Services.GetRequiredService<MissLog>();
        var current = Host.Services.GetRequiredService<DecisionEngine>().Decide("电表箱锁坏了谁来换锁").Label;
        Assert.StartsWith("answer:", current, StringComparison.Ordinal);
        await misses.AddAsync(new Miss(DateTimeOffset.UtcNow.AddMinutes(-2), "A02", "grp-liulin", "电表箱的锁坏了找谁换", "escalate:consult", 0.8));
        await misses.AddAsync(new Miss(DateTimeOffset.UtcNow.AddMinutes(-1), "A02", "grp-liulin", "电表箱锁坏了谁来换锁", current, 0.8, Miss.Inaccurate));
        await Host.SayAsync("grp-liulin", "u-ll-002", "@小电 电费在哪里交", "kb-1");
        await Host.WaitForAsync("grp-liulin", l => l.ReplyTo == "kb-1");
        Browser.SignOut();
        Browser.Open("/console/login");
        Browser.Screenshot("login");

        Browser.SignIn("fuwuzhongxin", Password);
        ConsoleBrowser.Wait(() => Browser.All("#areas tr[data-area]").Count == 3, "the centre's three areas");
        Browser.Screenshot("today.centre");
        foreach (var (path, name) in new[]
        {
            ("/console/orders?status=all", "orders.all"), ("/console/deliveries", "deliveries"), ("/console/groups", "groups"),
            ("/console/groups/grp-liulin", "group"), ("/console/account", "account"), ("/console/knowledge?topic=service.contact", "knowledge.answers"),
        })
        {
            Browser.Open(path);
            Assert.NotEmpty(Browser.All("main h1"));
            Browser.Screenshot(name);
        }

        Browser.Open("/console/knowledge");
        Browser.Screenshot("knowledge");
        var cluster = ConsoleBrowser.Wait(() => Browser.All("#clusters details").FirstOrDefault(d => d.Text.Contains("电表箱", StringComparison.Ordinal)),
            "the cluster of the two meter-box questions");
        Assert.Equal("2", cluster.GetAttribute("data-count"));
        Assert.Equal("1", cluster.FindElement(By.CssSelector("summary [data-rated]")).GetAttribute("data-rated"));
        cluster.FindElement(By.TagName("summary")).Click();
        Assert.Equal("", cluster.FindElement(By.CssSelector("select[name=topic]")).GetAttribute("value"));
        ((IJavaScriptExecutor)Browser.Driver).ExecuteScript(
            "var f=arguments[0].querySelector('form');f.querySelector('select[name=topic]').value='meter.ownership';", cluster);
        cluster.FindElement(By.CssSelector("form button")).Click();
        ConsoleBrowser.Wait(() => Browser.MainText.Contains("已提交建议", StringComparison.Ordinal), "the proposal confirmation");
        Browser.Click("#proposals form button");
        ConsoleBrowser.Wait(() => Browser.MainText.Contains("已通过", StringComparison.Ordinal), "the approval");

        var overlay = Host.Services.GetRequiredService<IKnowledgeOverlay>().Current;
        Assert.Equal(1, overlay.Version);
        Assert.Contains(overlay.Examples["meter.ownership"], t => t.Contains("电表箱", StringComparison.Ordinal));
        Assert.Equal(2, overlay.Examples["meter.ownership"].Count);
    }

    [GeneratedRegex(@"GD\d{8}-\d{4}")]
    private static partial Regex OrderNumber();
}
