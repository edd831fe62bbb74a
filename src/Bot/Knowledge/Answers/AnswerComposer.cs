using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Turns an entry's answer template into the reply: local facts for the area, live data (manager, outages, the
/// bound customer's bill), privacy rules (no personal numbers in a group) and masking of customers' numbers.
/// A line whose live value is unknown is dropped rather than shown with a gap.
/// </summary>
public sealed partial class AnswerComposer(KnowledgeOptions options, TimeProvider time)
{
    /// <summary>Topic whose numbers are personal and never shown in a group.</summary>
    public const string BalanceTopic = "billing.balance-query";

    /// <summary>What the group sees when the bound customer's balance went to them privately.</summary>
    public const string BalanceSentPrivately = "您的电费情况已私信发给您，请查看和我的私聊消息。为保护隐私，余额和户号不在群里显示。";

    private const int MaxListedOutages = 5;

    /// <summary>
    /// The reply for <paramref name="entry"/>. For the balance topic in a group with a bound customer it returns
    /// <see cref="BalanceSentPrivately"/>; the pipeline then sends the private reply (same call, private context).
    /// </summary>
    public string Compose(KnowledgeEntry entry, AnswerContext context)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        if (entry.Id == BalanceTopic && !context.IsPrivate && context.Customer is not null)
        {
            return BalanceSentPrivately;
        }

        var now = time.GetUtcNow();
        var zone = Zone(context.TimeZone);
        var lines = new List<string>();
        foreach (var raw in entry.Answer.Split('\n'))
        {
            string? line = FillLine(raw.TrimEnd(), entry, context, now, zone);
            if (line is not null)
            {
                lines.Add(line);
            }
        }

        return Mask(string.Join('\n', lines).Trim(), context.ManagerPhone);
    }

    private string? FillLine(string line, KnowledgeEntry entry, AnswerContext context, DateTimeOffset now, TimeZoneInfo zone)
    {
        bool dropped = false;
        string filled = KnowledgeLoader.PlaceholderPattern().Replace(line, m =>
        {
            string name = m.Groups[1].Value;
            string? value = Placeholders.Local.Contains(name)
                ? options.LocalFact(name, context.AreaId)
                : Live(name, entry, context, now, zone);
            dropped |= string.IsNullOrEmpty(value);
            return value ?? string.Empty;
        });
        return dropped ? null : filled;
    }

    private string? Live(string name, KnowledgeEntry entry, AnswerContext c, DateTimeOffset now, TimeZoneInfo zone) => name switch
    {
        "area_name" => c.AreaName ?? "本片区",
        "manager_name" => c.ManagerName,
        "manager_phone" => c.ManagerPhone,
        "manager_hours" => c.ManagerHours ?? options.LocalFact("service_hall_hours", c.AreaId),
        "outage_list" => Upcoming(c, now, zone),
        "active_outage" => Active(c, now, zone),
        "balance_line" => entry.Id == BalanceTopic ? BalanceLine(c) : null,
        _ => null,
    };

    private static string Upcoming(AnswerContext c, DateTimeOffset now, TimeZoneInfo zone)
    {
        // A question naming a day or place gets exactly the notices the engine found for it, under way ones included.
        var upcoming = (c.Outages ?? [])
            .Where(o => c.AskedFor is null ? o.IsUpcomingAt(now) && o.Kind != OutageKind.Fault : !o.Cancelled && o.RestoredAt is null && o.End > now)
            .OrderBy(o => o.Start).Take(MaxListedOutages).ToList();
        if (upcoming.Count == 0)
        {
            return c.AskedFor is null
                ? $"目前没有查到{c.AreaName ?? "本片区"}近期的计划停电通知。"
                : $"目前没有查到{c.AreaName ?? "本片区"}{c.AskedFor}的停电通知。";
        }

        var sb = new StringBuilder($"{c.AreaName ?? "本片区"}{c.AskedFor}停电安排：");
        foreach (var o in upcoming)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n· {Span(o.Start, o.End, zone)}，{o.Scope}，{o.Reason}");
        }

        return sb.ToString();
    }

    private static string Active(AnswerContext c, DateTimeOffset now, TimeZoneInfo zone)
    {
        var active = (c.Outages ?? []).Where(o => o.IsActiveAt(now)).OrderBy(o => o.End).Take(MaxListedOutages).ToList();
        if (active.Count == 0)
        {
            return $"目前没有查到{c.AreaName ?? "本片区"}{c.AskedFor}正在进行的停电信息。";
        }

        var sb = new StringBuilder($"{c.AreaName ?? "本片区"}当前停电：");
        foreach (var o in active)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n· {o.Scope}，{o.Reason}，预计{Local(o.End, zone):M月d日 HH:mm}前恢复供电");
        }

        return sb.ToString();
    }

    private static string? BalanceLine(AnswerContext c)
    {
        if (!c.IsPrivate || c.Customer is null)
        {
            return null;
        }

        string account = MaskAccount(c.Customer.AccountNo);
        if (c.Unpaid is { } unpaid)
        {
            return UnpaidLines(account, unpaid);
        }

        if (c.Bill is null || c.Bill.AccountNo != c.Customer.AccountNo)
        {
            return $"暂时没有查到户号{account}的本期账单，可在网上国网App查看或拨打95598查询。";
        }

        var b = c.Bill;
        return b.Outstanding > 0
            ? string.Create(CultureInfo.InvariantCulture, $"户号{account}（{b.Period}账期）：电费{b.Amount:0.00}元，已交{b.Paid:0.00}元，还需交{b.Outstanding:0.00}元，请在{b.DueOn:M月d日}前交清。")
            : string.Create(CultureInfo.InvariantCulture, $"户号{account}（{b.Period}账期）：电费{b.Amount:0.00}元，已交清，目前没有欠费。");
    }

    // Every bill still owing, so a customer owing for September and October hears about both, with each due date
    // and the late fee accrued so far (when the rate is configured).
    private static string UnpaidLines(string account, IReadOnlyList<UnpaidBill> unpaid)
    {
        if (unpaid.Count == 0)
        {
            return $"户号{account}目前没有欠费，账单都已交清。";
        }

        decimal total = unpaid.Sum(u => u.Bill.Outstanding);
        decimal fees = unpaid.Sum(u => u.LateFee ?? 0);
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"户号{account}还有{unpaid.Count}笔电费没交，共{total:0.00}元{(fees > 0 ? string.Create(CultureInfo.InvariantCulture, $"，另有违约金{fees:0.00}元（截至今天）") : "")}："));
        foreach (var u in unpaid.OrderBy(u => u.Bill.Period, StringComparer.Ordinal))
        {
            var b = u.Bill;
            sb.Append(CultureInfo.InvariantCulture, $"\n· {Period(b.Period)}电费{b.Outstanding:0.00}元，缴费截止{b.DueOn:M月d日}");
            if (u.OverdueDays > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"，已逾期{u.OverdueDays}天");
                if (u.LateFee is { } fee)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"，违约金已产生{fee:0.00}元");
                }
            }
        }

        return sb.ToString();
    }

    private static string Period(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月")
            : period;

    private static string Span(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var s = Local(start, zone);
        var e = Local(end, zone);
        string to = s.Date == e.Date
            ? e.ToString("HH:mm", CultureInfo.InvariantCulture)
            : e.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
        return $"{s.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture)}-{to}";
    }

    private static DateTimeOffset Local(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone);

    private TimeZoneInfo Zone(string? id) => Zones.Find(Zones.IsKnown(id) ? id : options.DefaultTimeZone);

    /// <summary>Masks customers' mobile numbers and long account numbers; the manager's work phone stays.</summary>
    internal static string Mask(string text, string? managerPhone) => LongNumber().Replace(text, m =>
        managerPhone is not null && m.Value == managerPhone.Replace("-", string.Empty, StringComparison.Ordinal)
            ? m.Value
            : MaskAccount(m.Value));

    private static string MaskAccount(string digits) =>
        digits.Length <= 4 ? digits : (digits.Length == 11 ? digits[..3] : string.Empty) + "****" + digits[^4..];

    // Mobile numbers and account numbers (10+ digits); 95598, 12398 and 12345 are too short to match.
    [GeneratedRegex(@"(?<![0-9])[0-9]{10,}(?![0-9])")]
    private static partial Regex LongNumber();
}
