using GridService.Core.Grid;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>The groups of the user's areas: the bot on or off, and their latest message.</summary>
public sealed class GroupsModel(GroupSettings settings, Transcript transcript) : ConsolePage
{
    /// <summary>One group's row.</summary>
    public sealed record Row(ChatGroup Group, bool BotOn, TranscriptEntry? Last);

    /// <summary>The rows.</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Lists (each group: two store reads, all in parallel).</summary>
    public async Task OnGetAsync()
    {
        Rows = await Task.WhenAll(Scope.Groups.Select(async g =>
        {
            var on = settings.IsBotOnAsync(g.Id);
            var last = transcript.TailAsync(g.Id, 1);
            var tail = await last;
            return new Row(g, await on, tail.Count > 0 ? tail[0] : null);
        }));
    }
}
