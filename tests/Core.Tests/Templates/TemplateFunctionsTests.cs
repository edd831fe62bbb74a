using GridService.Core.Templates;

namespace GridService.Core.Tests.Templates;

public sealed class TemplateFunctionsTests
{
    private static readonly DateTimeOffset Morning = new(2025, 11, 25, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void FormatTime_LocalTime_ShowsMonthDayWeekdayAndClock() =>
        Assert.Equal("11月25日(周二) 08:00", TemplateFunctions.FormatTime(Morning));

    [Fact]
    public void FormatDate_DateOnly_ShowsWeekday() =>
        Assert.Equal("11月30日(周日)", TemplateFunctions.FormatDate(new DateOnly(2025, 11, 30)));

    [Fact]
    public void FormatRange_SameDay_ShowsEndClockOnly() =>
        Assert.Equal("11月25日(周二) 08:00至17:30", TemplateFunctions.FormatRange(Morning, Morning.AddHours(9.5)));

    [Fact]
    public void FormatRange_AcrossMidnight_ShowsBothDays() =>
        Assert.Equal("11月25日(周二) 22:00至11月26日(周三) 06:00", TemplateFunctions.FormatRange(Morning.AddHours(14), Morning.AddHours(22)));

    [Fact]
    public void Format_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, TemplateFunctions.FormatTime(null));
        Assert.Equal(string.Empty, TemplateFunctions.FormatMoney(null));
    }

    [Theory]
    [InlineData(128.5, "128.50")]
    [InlineData(0, "0.00")]
    [InlineData(1234.567, "1234.57")]
    public void FormatMoney_Amounts_TwoDecimals(double amount, string expected) =>
        Assert.Equal(expected, TemplateFunctions.FormatMoney((decimal)amount));

    [Theory]
    [InlineData("2025-10", "2025年10月")]
    [InlineData("2025-01", "2025年1月")]
    [InlineData("十月", "十月")]
    public void FormatPeriod_Periods_ShownInChinese(string period, string expected) =>
        Assert.Equal(expected, TemplateFunctions.FormatPeriod(period));

    [Fact]
    public void FormatDate_UnsupportedType_Throws() =>
        Assert.Throws<ArgumentException>(() => TemplateFunctions.FormatDate("2025-11-25"));

    [Fact]
    public void FormatDeadline_Midnight_ReadsAsTheEndOfTheDayBefore()
    {
        var saturdayMidnight = new DateTimeOffset(2026, 12, 12, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal("12月11日(周五) 24:00", TemplateFunctions.FormatDeadline(saturdayMidnight));
        Assert.Equal("12月11日(周五) 17:30", TemplateFunctions.FormatDeadline(saturdayMidnight.AddHours(-6.5)));
        Assert.Equal("", TemplateFunctions.FormatDeadline(null));
    }

    private static readonly string[] Reporters = ["张建国", "李秀英", "王德明"];

    [Fact]
    public void MaskNames_EveryReporter_MaskedAndJoined() =>
        Assert.Equal("张*、李*、王*", TemplateFunctions.MaskNames(Reporters));
}
