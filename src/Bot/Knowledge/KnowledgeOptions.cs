using System.ComponentModel.DataAnnotations;

namespace GridService.Bot.Knowledge;

/// <summary>Knowledge base location, local facts and decision thresholds (section <c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Knowledge";

    /// <summary>Folder of the YAML entries; empty finds <c>knowledge/</c> beside the app or in the repository.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Keep the trained model on disk and read it at the next start when the knowledge, the corpus and the build are
    /// unchanged (training takes 1.2-2 s of every start; reading it, tens of milliseconds).
    /// </summary>
    public bool KeepModel { get; set; } = true;

    /// <summary>Where the model is kept; empty: <c>models/</c> in the store's data folder (<c>Store:DataDirectory</c>).</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>
    /// Facts that differ by province, by placeholder name. The defaults are common national values; each supply
    /// company overrides them in configuration.
    /// </summary>
    public Dictionary<string, string> LocalFacts { get; set; } = new(DefaultLocalFacts, StringComparer.Ordinal);

    /// <summary>Per-area overrides of <see cref="LocalFacts"/>, keyed by area id.</summary>
    public Dictionary<string, Dictionary<string, string>> Areas { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Which engine decides: <see cref="DecisionEngineKind.Learned"/> (a classifier trained at start-up on the knowledge
    /// base and the labelled corpus, with safety and privacy policy) or <see cref="DecisionEngineKind.Rules"/> (the
    /// earlier hand rules and retrieval), kept so both can be measured side by side (docs/decisions.md).
    /// </summary>
    public DecisionEngineKind Engine { get; set; } = DecisionEngineKind.Learned;

    /// <summary>Rules engine: retrieval confidence at or above which a retrieved entry is answered.</summary>
    [Range(0.0, 1.0)]
    public double AnswerThreshold { get; set; } = 0.5;

    /// <summary>
    /// Learned engine: the model's probability at or above which a topic is answered. Chosen by 5-fold
    /// cross-validation on the corpus (<c>eval --cv 5</c>) as the lowest value keeping wrong answers at or under 1% of
    /// held-out questions; below it a power question is escalated as a consult and anything else is left alone.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ModelAnswerThreshold { get; set; } = 0.74;

    /// <summary>
    /// Learned engine: the probability at or above which the model's escalation or <c>none</c> is taken as it is;
    /// below it the message counts as unsure like an unsure answer.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ModelLabelThreshold { get; set; } = 0.0;

    /// <summary>Time zone for outage times when an area names none.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Common values, used until configuration says otherwise.</summary>
    public static IReadOnlyDictionary<string, string> DefaultLocalFacts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["late_fee_rate"] = "每天按欠费金额的1‰",
        ["late_fee_start"] = "从交费截止日的第二天起算",
        ["tier_thresholds"] = "第一档每年2760度以内，第二档2761-4800度，第三档4800度以上",
        ["tier_prices"] = "第二档每度加价0.05元，第三档每度加价0.3元",
        ["tier_count_period"] = "按年累计用电量",
        ["tier_reset"] = "每年1月的电费账期重新开始累计",
        ["tou_peak_window"] = "8:00-22:00",
        ["tou_valley_window"] = "22:00-次日8:00",
        ["tou_change_rule"] = "选定后一年内不能变更",
        ["disconnection_notice_days"] = "3-7天",
        ["meter_test_fee"] = "经检验电表确实超差的不收费并退补电费；电表合格的按规定收取校验费",
        ["capacity_fee"] = "按当地标准收费，受理时会告知",
        ["pv_settlement"] = "余电按当地燃煤发电基准价按月结算到您的银行账户",
        ["multi_person_threshold"] = "户籍人口5人及以上",
        ["complaint_reply_days"] = "4个工作日",
        ["service_hall_hours"] = "工作日 8:30-17:30",
    };

    /// <summary>The value of a local fact for an area, falling back to the defaults.</summary>
    public string? LocalFact(string name, string? areaId)
    {
        if (areaId is not null && Areas.TryGetValue(areaId, out var area) && area.TryGetValue(name, out var value))
        {
            return value;
        }

        return LocalFacts.TryGetValue(name, out value) ? value : null;
    }
}

/// <summary>The decision engines <see cref="KnowledgeOptions.Engine"/> can select.</summary>
public enum DecisionEngineKind
{
    /// <summary>The classifier trained at start-up, with safety and privacy policy (the default).</summary>
    Learned,

    /// <summary>Hand rules and n-gram retrieval, as before the classifier.</summary>
    Rules,
}
