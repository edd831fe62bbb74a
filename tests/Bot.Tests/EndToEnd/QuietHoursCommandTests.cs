using System.Globalization;
using GridService.Core.Domain;

namespace GridService.Bot.Tests.EndToEnd;

/// <summary>
/// A manager publishing a planned notice during the quiet hours is told when it will go, and it does not go at once:
/// the host's quiet hours are set to the two hours around now (Asia/Shanghai), so the test holds at any time of day.
/// </summary>
public sealed class QuietHoursCommandTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private string _end = "";

    public async Task InitializeAsync()
    {
        var now = Zones.Local(TimeProvider.System.GetUtcNow(), "Asia/Shanghai");
        var window = string.Create(CultureInfo.InvariantCulture, $"{now.AddHours(-1):HH:mm}-{now.AddHours(1):HH:mm}");
        _end = now.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture);
        _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Audiences:QuietHours"] = window });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Confirm_DuringQuietHours_AckSaysWhenAndTheNoticeWaits()
    {
        await _host.SayAsync("grp-xingfuli", "wangjianhua", "@小电 停电通知 后天 08:00-12:00 幸福里1-5号楼 更换变压器", "q-1");
        await _host.WaitForAsync("dm:wangjianhua", l => l.ReplyTo == "q-1");
        await _host.SayAsync("grp-xingfuli", "wangjianhua", "@小电 确认", "q-2");

        var ack = await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "q-2");
        await _host.SettleAsync();

        Assert.Contains("已发布", ack.Text, StringComparison.Ordinal);
        Assert.Contains("夜间免打扰", ack.Text, StringComparison.Ordinal);
        Assert.Contains($"会在{_end}发到本群", ack.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-xingfuli"), l => l.Kind == "planned-outage");
    }
}
