using GridService.Bot.StaffConsole.Data;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>Outage notices of the user's areas: under way, to come, and ended in the last 30 days.</summary>
public sealed class NoticesModel(NoticeQueries notices) : ConsolePage
{
    /// <summary>The notices, latest start first.</summary>
    public IReadOnlyList<OutageNotice> Notices { get; private set; } = [];

    /// <summary>Now, for the view.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync()
    {
        At = Now;
        Notices = await notices.ListAsync(Scope);
    }
}
