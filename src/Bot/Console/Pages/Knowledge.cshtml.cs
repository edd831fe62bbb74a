using GridService.Bot.Knowledge;
using GridService.Bot.Misses;
using GridService.Bot.Misses.Overlay;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// What the bot could not answer, grouped by similarity with counts; for each group a proposal ("add these
/// phrasings to topic X" or "a new topic") that the service centre reviews into the knowledge overlay, which the
/// engine loads without a restart; and the answer a topic gives in each area with the local facts filled in.
/// </summary>
public sealed class KnowledgeModel(
    MissLog misses, OverlayProposals proposals, KnowledgeOverlay overlay, DecisionEngine engine, AnswerComposer composer, GridDirectory directory)
    : ConsolePage
{
    /// <summary>Clusters shown.</summary>
    public const int MaxClusters = 30;

    private const int MissesPerArea = 300;

    /// <summary>The clusters with the engine's current decision on the latest wording.</summary>
    public IReadOnlyList<(MissCluster Cluster, Decision Now)> Clusters { get; private set; } = [];

    /// <summary>Misses read.</summary>
    public int MissCount { get; private set; }

    /// <summary>Topics a phrasing can be added to: the knowledge base's and the overlay's.</summary>
    public IReadOnlyList<(string Id, string Title)> Topics { get; private set; } = [];

    /// <summary>Proposals: pending first, then the latest reviewed.</summary>
    public IReadOnlyList<OverlayProposal> Proposals { get; private set; } = [];

    /// <summary>The overlay in force.</summary>
    public KnowledgeOverlaySnapshot Overlay => overlay.Current;

    /// <summary>The topic whose answers are shown, if any.</summary>
    public string? Topic { get; private set; }

    /// <summary>The topic's answer in each area in scope.</summary>
    public IReadOnlyList<(Area Area, string Answer)> Answers { get; private set; } = [];

    /// <summary>Shows misses, proposals and (with <paramref name="topic"/>) a topic's answers.</summary>
    public async Task OnGetAsync(string? topic)
    {
        var lists = Scope.IsCentre
            ? [await misses.ListAsync(null, MissesPerArea * 2)]
            : await Task.WhenAll(Scope.Areas.Select(a => misses.ListAsync(a.Id, MissesPerArea)));
        var all = lists.SelectMany(l => l).ToList();
        MissCount = all.Count;
        Clusters = [.. MissClusters.Group(all).Take(MaxClusters).Select(c => (c, engine.Decide(c.Latest.Text)))];
        Topics = [.. engine.KnowledgeBase.Entries.Where(e => !e.IsOutOfScope).Select(e => (e.Id, e.Title)),
            .. overlay.Current.Topics.Select(t => (t.Id, t.Title + "（新增）"))];
        var list = await proposals.ListAsync();
        Proposals = [.. list.Where(p => p.Status == ProposalStatus.Pending), .. list.Where(p => p.Status != ProposalStatus.Pending).Take(20)];
        if (topic is not null) await AnswersAsync(topic);
    }

    /// <summary>Proposes phrasings for a topic, or a new topic.</summary>
    public async Task<IActionResult> OnPostProposeAsync(string? kind, string? topic, string? title, string? answer, string[]? phrasings, string? area)
    {
        var areaId = area is not null && Scope.SeesArea(area) ? area : Scope.Areas.Count > 0 ? Scope.Areas[0].Id : "";
        try
        {
            var proposal = await proposals.ProposeAsync(kind == "new" ? ProposalKind.NewTopic : ProposalKind.Phrasing, topic, title, answer,
                phrasings ?? [], areaId, Scope.User.Id);
            return Done($"已提交建议 {proposal.Id}，服务中心审核通过后机器人就会用上。");
        }
        catch (ArgumentException ex)
        {
            return Failed(ex.Message);
        }
    }

    /// <summary>Approves or rejects a proposal (the service centre only); an approval reaches every instance's engine.</summary>
    public async Task<IActionResult> OnPostReviewAsync(string id, bool approve, string? note)
    {
        if (!Scope.IsCentre) return Forbidden();
        if (await proposals.ReviewAsync(id, approve, Scope.User.Id, note) is null) return Failed("这条建议已经审核过了。");
        await overlay.ReloadAsync();
        return Done(approve ? $"已通过 {id}，机器人已加载新的问法。" : $"已驳回 {id}。");
    }

    /// <summary>The topic's title.</summary>
    public string TitleOf(string topicId) => Topics.FirstOrDefault(t => t.Id == topicId).Title ?? topicId;

    private async Task AnswersAsync(string topic)
    {
        Topic = topic;
        if (engine.KnowledgeBase.Find(topic) is { IsOutOfScope: false } entry)
        {
            var now = Now;
            Answers = await Task.WhenAll(Scope.Areas.Select(async a =>
            {
                var manager = await directory.GetStaffAsync(a.ManagerId);
                var outages = await directory.NoticesOfAreaAsync(a.Id, now);
                return (a, composer.Compose(entry, AnswerContext.For(a, manager, outages, isPrivate: false)));
            }));
        }
        else if (overlay.Current.Topics.FirstOrDefault(t => t.Id == topic) is { } added)
        {
            Answers = [.. Scope.Areas.Select(a => (a, added.Answer))];
        }
    }
}
