using GridService.Bot.Commands;
using GridService.Core.Domain;

namespace GridService.Bot.Tests.Commands;

public sealed class CommandParserTests
{
    private static readonly TimeZoneInfo China = Zones.Find("Asia/Shanghai");
    private static readonly DateOnly Today = new(2026, 12, 4); // a Friday

    private static ManagerCommand? Parse(string text) => CommandParser.TryParse(text, Today, China);

    [Theory]
    [InlineData("电费在哪里交")]
    [InlineData("请问取消代扣怎么弄")]
    [InlineData("我想确认一下停电时间")]
    [InlineData("")]
    public void TryParse_OrdinaryQuestions_AreNotCommands(string text) => Assert.Null(Parse(text));

    [Theory]
    [InlineData("帮助", typeof(ManagerCommand.Help))]
    [InlineData("help", typeof(ManagerCommand.Help))]
    [InlineData("确认", typeof(ManagerCommand.Confirm))]
    [InlineData("确定", typeof(ManagerCommand.Confirm))]
    [InlineData("取消", typeof(ManagerCommand.Discard))]
    [InlineData("工单", typeof(WorkOrderCommand.List))]
    [InlineData("交班", typeof(WorkOrderCommand.Handover))]
    public void TryParse_BareVerbs_ReadAsTheirCommand(string text, Type expected) => Assert.IsType(expected, Parse(text));

    [Fact]
    public void TryParse_SwitchBot_ReadsOnAndOff()
    {
        Assert.Equal(new ManagerCommand.SwitchBot(true), Parse("开启机器人"));
        Assert.Equal(new ManagerCommand.SwitchBot(false), Parse("关闭机器人"));
    }

    [Fact]
    public void TryParse_WorkOrderVerbs_KeepTheirArguments()
    {
        Assert.Equal(new WorkOrderCommand.Accept("0042"), Parse("接单 0042"));
        Assert.Equal(new WorkOrderCommand.Resolve("GD20261204-0042", "已更换表后开关 恢复供电"), Parse("办结 GD20261204-0042 已更换表后开关 恢复供电"));
        Assert.Equal(new WorkOrderCommand.Transfer("0042", "运检部", null), Parse("转派 0042 运检部"));
        Assert.Equal(new WorkOrderCommand.Transfer("0042", "陈晓雨", "她熟悉这条线"), Parse("转派　0042　陈晓雨　她熟悉这条线"));
        Assert.Equal(new WorkOrderCommand.Handover("zhaodeming"), Parse("交班 zhaodeming"));
    }

    [Theory]
    [InlineData("接单")]
    [InlineData("办结 0042")]
    [InlineData("进展 0042")]
    [InlineData("延期 0042")]
    [InlineData("撤单 0042")]
    [InlineData("转派 0042")]
    public void TryParse_VerbWithoutItsArguments_SaysTheFormat(string text)
    {
        var invalid = Assert.IsType<ManagerCommand.Invalid>(Parse(text));
        Assert.Contains("格式", invalid.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ConfirmInsideASentence_IsNotACommand() => Assert.Null(Parse("确认 一下明天停不停电"));

    [Fact]
    public void TryParse_PlannedOutage_ReadsDateTimesScopeAndReason()
    {
        var p = Assert.IsType<ManagerCommand.PlannedOutage>(Parse("停电通知 12月6日 08:00-12:00 幸福里1-5号楼 线路检修 更换电缆"));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.FromHours(8)), p.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.FromHours(8)), p.End);
        Assert.Equal("幸福里1-5号楼", p.Scope);
        Assert.Equal("线路检修 更换电缆", p.Reason);
    }

    [Theory]
    [InlineData("今天", 2026, 12, 4)]
    [InlineData("明天", 2026, 12, 5)]
    [InlineData("后天", 2026, 12, 6)]
    [InlineData("2027-01-05", 2027, 1, 5)]
    [InlineData("2027/1/5", 2027, 1, 5)]
    [InlineData("2027年1月5日", 2027, 1, 5)]
    [InlineData("12-20", 2026, 12, 20)]
    [InlineData("12/20", 2026, 12, 20)]
    [InlineData("12月20号", 2026, 12, 20)]
    [InlineData("1月5日", 2027, 1, 5)]   // months away: next January
    [InlineData("9月30日", 2027, 9, 30)] // passed long ago this year: next year's
    [InlineData("11月28日", 2026, 11, 28)] // passed six days ago: this year's, refused as past by the command
    public void ParseDate_Forms_ReadAsTheNextMeantDate(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), CommandParser.ParseDate(text, Today));

    [Theory]
    [InlineData("13月40日")]
    [InlineData("2月30日")]
    [InlineData("下周三")]
    [InlineData("12.20")]
    public void ParseDate_Unreadable_IsNull(string text) => Assert.Null(CommandParser.ParseDate(text, Today));

    [Fact]
    public void TryParse_OutageOnARecentlyPassedDate_IsRefusedNamingToday()
    {
        var invalid = Assert.IsType<ManagerCommand.Invalid>(Parse("停电通知 11月28日 08:00-12:00 幸福里 检修"));

        Assert.Contains("已经过去", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("12月4日", invalid.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8-12", 8, 0, 12, 0)]
    [InlineData("08:30~11:45", 8, 30, 11, 45)]
    [InlineData("8：30至12：00", 8, 30, 12, 0)]
    [InlineData("20:00-24:00", 20, 0, 23, 59)]
    public void TryParse_TimeRanges_ReadInTheAreaZone(string range, int h1, int m1, int h2, int m2)
    {
        var p = Assert.IsType<ManagerCommand.PlannedOutage>(Parse($"停电通知 明天 {range} 三组 检修"));

        Assert.Equal(new DateTimeOffset(2026, 12, 5, h1, m1, 0, TimeSpan.FromHours(8)), p.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, h2, m2, 0, TimeSpan.FromHours(8)), p.End);
    }

    [Theory]
    [InlineData("停电通知 明天 12:00-08:00 三组 检修", "结束时间")]
    [InlineData("停电通知 明天 上午 三组 检修", "时间")]
    [InlineData("停电通知 明天 08:00-12:00 三组", "缺少")]
    [InlineData("停电通知 某天 08:00-12:00 三组 检修", "日期")]
    public void TryParse_BadOutageCommand_SaysWhatIsWrong(string text, string mentions)
    {
        var invalid = Assert.IsType<ManagerCommand.Invalid>(Parse(text));

        Assert.Contains(mentions, invalid.Error, StringComparison.Ordinal);
    }
}
