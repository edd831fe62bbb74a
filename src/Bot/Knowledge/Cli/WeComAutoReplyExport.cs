using System.Globalization;
using System.Text;
using GridService.Bot.Cli;
using GridService.Core.Samples;

namespace GridService.Bot.Knowledge.Cli;

/// <summary>
/// <c>kb export --wecom-autoreply</c>: the knowledge base's most asked answers as keyword rules an administrator enters
/// into WeCom's 客户群自动回复, for customer groups no bot may join. Each rule: a name, the keywords that point at that
/// answer and at no other exported one (WeCom matches a keyword anywhere in the message), and the answer with this
/// province's local facts (and, with <c>--area</c>, the area's manager). Answers that need live or personal data
/// (outages under way, a customer's balance) cannot be a fixed reply and are listed as left out.
/// </summary>
public static class WeComAutoReplyExport
{
    // Live values a fixed reply cannot carry: they change by the hour or by the person asking.
    private static readonly string[] LivePlaceholders = ["{{outage_list}}", "{{active_outage}}", "{{balance_line}}"];

    private const int KeywordsPerRule = 5;

    /// <summary>Writes the rules; returns the exit code.</summary>
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(output);
        if (!cli.Flag("--wecom-autoreply")) throw new CliException("kb export: say what to export, e.g. kb export --wecom-autoreply [--top 20] [--area A01] [--out rules.md]");
        var top = cli.Option("--top") is { } t ? int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new CliException("kb export: --top takes a positive count") : 20;
        var options = new KnowledgeOptions { Directory = cli.Option("--knowledge") };
        var kb = KnowledgeBase.Load(KnowledgeBase.FindDirectory(options.Directory), options);
        var context = await ContextAsync(cli);
        var text = Render(kb, context, top, TimeProvider.System);
        if (cli.Option("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await output.WriteLineAsync($"wrote {path}");
        }
        else
        {
            await output.WriteAsync(text);
        }

        return 0;
    }

    /// <summary>The rules as Markdown: the <paramref name="top"/> topics with the most examples, then what was left out and why.</summary>
    public static string Render(KnowledgeBase kb, AnswerContext context, int top, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(kb);
        var composer = new AnswerComposer(kb.Options, time);
        var topics = kb.Entries.Where(e => !e.IsOutOfScope).ToList();
        var live = topics.Where(e => LivePlaceholders.Any(p => e.Answer.Contains(p, StringComparison.Ordinal))).ToList();
        var chosen = topics.Except(live).OrderByDescending(e => e.Examples.Count).ThenBy(e => e.Id, StringComparer.Ordinal).Take(top).ToList();

        // A keyword of several chosen entries would fire the wrong rule (WeCom takes the first created): each keeps only its own.
        var owners = chosen.SelectMany(e => Singles(e).Select(k => (k.Text, e.Id))).GroupBy(p => p.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);

        var text = new StringBuilder();
        text.Append("# 客户群自动回复规则（GridService 知识库导出）\n\n")
            .Append("在企业微信管理后台「客户与上下游 → 客户联系 → 聊天工具 → 自动回复」逐条新建：规则名称、关键词（英文逗号分隔，选模糊匹配）、回复内容照抄下面各条。")
            .Append("群主还需在每个客户群右上角「…」里打开“自动回复”。居民@群助手并说到关键词时回复；其余问题仍由片区经理答复（可把问题私信转给机器人，得到可粘贴的回复）。\n\n");
        var number = 0;
        foreach (var entry in chosen)
        {
            var keywords = Singles(entry).Where(k => owners[k.Text] == 1).Select(k => k.Text).Take(KeywordsPerRule).ToList();
            if (keywords.Count == 0) continue;
            var answer = composer.Compose(entry, context with { IsPrivate = false });
            text.Append(CultureInfo.InvariantCulture, $"## {++number}. {entry.Title}\n\n")
                .Append(CultureInfo.InvariantCulture, $"- 规则名称：{Name(entry)}\n")
                .Append("- 关键词：").Append(string.Join(',', keywords)).Append('\n')
                .Append("- 回复内容：\n\n");
            foreach (var line in answer.Split('\n')) text.Append("    ").Append(line).Append('\n');
            text.Append('\n');
        }

        text.Append("## 没有导出的问题\n\n");
        foreach (var entry in live)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {entry.Title}（{entry.Id}）：答案要用实时或个人数据（停电信息、本户余额），固定回复会过时或泄露隐私，请片区经理答复。\n");
        }

        return text.ToString();
    }

    // Keywords WeCom can match: single words (no '+' combinations), two characters or more, strongest first.
    private static IEnumerable<WeightedKeyword> Singles(KnowledgeEntry entry) =>
        entry.Keywords.Where(k => !k.Text.Contains('+', StringComparison.Ordinal) && k.Text.Length >= 2)
            .OrderByDescending(k => k.Weight).ThenBy(k => k.Text, StringComparer.Ordinal).DistinctBy(k => k.Text, StringComparer.Ordinal);

    private static string Name(KnowledgeEntry entry) => entry.Title.Length <= 20 ? entry.Title : entry.Title[..20];

    private static async Task<AnswerContext> ContextAsync(CliArgs cli)
    {
        if (cli.Option("--area") is not { } areaId) return AnswerContext.None;
        var samples = await SampleLoader.ReadAsync(cli.Option("--samples") ?? SampleLoader.FindSamplesDirectory(), CancellationToken.None);
        var area = samples.Areas.FirstOrDefault(a => a.Id == areaId)
            ?? throw new CliException($"kb export: unknown area '{areaId}'; known: {string.Join(", ", samples.Areas.Select(a => a.Id))}");
        return AnswerContext.For(area, samples.Staff.FirstOrDefault(s => s.Id == area.ManagerId), [], isPrivate: false);
    }
}
