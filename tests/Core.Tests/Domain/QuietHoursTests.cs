using GridService.Core.Domain;

namespace GridService.Core.Tests.Domain;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Shanghai = Zones.Find("Asia/Shanghai");
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [InlineData(22, 30, 2, 8)] // evening: the next morning
    [InlineData(7, 15, 1, 8)] // early morning: the same morning
    [InlineData(21, 0, 2, 8)] // the window's first minute
    public void DeferUntil_InsideTheWindow_TheWindowsEndInTheRecipientsZone(int hour, int minute, int day, int endHour)
    {
        var quiet = Parse("21:00-08:00");

        var until = quiet.DeferUntil(new DateTimeOffset(2026, 12, 1, hour, minute, 0, China), Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 12, day, endHour, 0, 0, China), until);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(12, 0)]
    [InlineData(20, 59)]
    public void DeferUntil_OutsideTheWindow_SendNow(int hour, int minute)
    {
        var quiet = Parse("21:00-08:00");

        Assert.Null(quiet.DeferUntil(new DateTimeOffset(2026, 12, 1, hour, minute, 0, China), Shanghai));
    }

    [Fact]
    public void DeferUntil_DaytimeWindow_EndsTheSameDay()
    {
        var quiet = Parse("12:00-14:00");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 14, 0, 0, China), quiet.DeferUntil(new DateTimeOffset(2026, 12, 1, 12, 30, 0, China), Shanghai));
    }

    [Theory]
    [InlineData("9pm-8am")]
    [InlineData("21:00")]
    [InlineData("")]
    public void TryParse_NotAWindow_False(string text) => Assert.False(QuietHours.TryParse(text, out _));

    [Fact]
    public void TryParse_Off_NoQuietHours()
    {
        Assert.True(QuietHours.TryParse("off", out var quiet));
        Assert.Null(quiet.DeferUntil(new DateTimeOffset(2026, 12, 1, 23, 0, 0, China), Shanghai));
    }

    private static QuietHours Parse(string text)
    {
        Assert.True(QuietHours.TryParse(text, out var quiet));
        return quiet;
    }
}
