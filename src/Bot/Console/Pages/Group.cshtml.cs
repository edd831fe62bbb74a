using GridService.Bot.Pipeline;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// One group's conversation with personal numbers masked, the bot's decision and confidence beside each of its
/// replies, and the bot on/off switch (the same as the manager's 开启/关闭机器人 command).
/// </summary>
public sealed class GroupModel(GroupSettings settings, Transcript transcript, DecisionLog decisions) : ConsolePage
{
    /// <summary>How many of the latest lines are shown.</summary>
    public const int Lines = 200;

    /// <summary>The group.</summary>
    public ChatGroup Group { get; private set; } = null!;

    /// <summary>True while the bot answers in the group.</summary>
    public bool BotOn { get; private set; }

    /// <summary>The latest lines with the decision behind each bot reply.</summary>
    public IReadOnlyList<(TranscriptEntry Line, DecisionNote? Decision)> Conversation { get; private set; } = [];

    /// <summary>Shows it.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (Scope.Group(id) is not { } group) return NotFound();
        Group = group;
        var on = settings.IsBotOnAsync(id);
        var lines = await transcript.TailAsync(id, Lines);
        var replyTo = lines.Select(l => l.Direction == "out" ? l.ReplyTo ?? "" : "").ToList();
        var notes = await decisions.NotesAsync(id, [.. replyTo.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)]);
        var byMessage = replyTo.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Zip(notes).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        Conversation = [.. lines.Select(l => (l, l.Direction == "out" && l.ReplyTo is { } r ? byMessage.GetValueOrDefault(r) : null))];
        BotOn = await on;
        return Page();
    }

    /// <summary>Switches the bot on or off.</summary>
    public async Task<IActionResult> OnPostBotAsync(string id, bool on)
    {
        if (Scope.Group(id) is null) return NotFound();
        await settings.SetBotOnAsync(id, on);
        return Done(on ? "已开启本群自动答复。" : "已暂停本群自动答复，管理命令和险情处理不受影响。");
    }

    /// <summary>Who wrote a line, as staff see it.</summary>
    public string Sender(TranscriptEntry line) => line.Direction == "out" ? Group.BotName : Scope.StaffById(line.SenderId)?.Name ?? Masking.MaskText(line.SenderId);
}
