using System.Globalization;
using System.Text.RegularExpressions;
using GridService.Core.Chat;
using GridService.Core.Csv;
using GridService.Core.Domain;

namespace GridService.Core.Samples;

/// <summary>
/// Turns sample rows into domain records and checks each against what was read before it (ids unique, references
/// resolve), so files must be parsed in dependency order: staff, areas, groups, customers, bills, outages.
/// </summary>
internal sealed partial class SampleParser
{
    // Columns each file must have, in the order the sample files use.
    public static readonly string[] StaffColumns = ["id", "name", "phone", "role", "hours"];
    public static readonly string[] AreaColumns = ["id", "name", "kind", "time_zone", "manager_id", "supervisor_id"];
    public static readonly string[] GroupColumns = ["id", "area_id", "name", "bot_name", "manager_ids", "channel"];
    public static readonly string[] CustomerColumns =
    [
        "account_no", "name", "phone", "address", "area_id", "group_id", "chat_user_id", "line", "transformer",
        "segment", "credit", "preferred_channel",
    ];
    public static readonly string[] BillColumns = ["account_no", "period", "amount", "paid", "settled_on", "due_on"];
    public static readonly string[] OutageColumns = ["id", "kind", "area_ids", "scope", "start", "end", "reason"];

    // As documented on ChatGroup.Channel and Customer.PreferredChannel.
    private static readonly string[] GroupChannels = [ChannelNames.Simulator, ChannelNames.WeComRobot, ChannelNames.Bridge];
    private static readonly string[] CustomerChannels = ["sms", "wecom", "bridge", "simulator"];

    // What was read so far, with the line each came from, for reference checks and "already used on line n".
    private readonly Dictionary<string, (Staff Value, int Line)> _staff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Area Value, int Line)> _areas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ChatGroup Value, int Line)> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Customer Value, int Line)> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Account, int Line)> _chatUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Bill Value, int Line)> _bills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OutageNotice Value, int Line)> _notices = new(StringComparer.Ordinal);

    public Staff ParseStaff(CsvRow row)
    {
        var id = Unique(row, "id", Id(row, "id"), _staff);
        var phone = row.GetString("phone");
        if (!MobileNumber().IsMatch(phone) && !LandlineNumber().IsMatch(phone))
        {
            throw row.Error("phone", "is not a mobile (1xxxxxxxxxx) or landline (0xxx-xxxxxxx) number");
        }

        var staff = new Staff(id, row.GetString("name", FieldLimits.Name), phone, row.GetEnum<StaffRole>("role"), row.GetString("hours", FieldLimits.Name));
        _staff.Add(id, (staff, row.Line));
        return staff;
    }

    public Area ParseArea(CsvRow row)
    {
        var id = Unique(row, "id", Id(row, "id"), _areas);
        var timeZone = row.GetString("time_zone");
        if (!Zones.IsKnown(timeZone)) throw row.Error("time_zone", "is not a known time zone such as Asia/Shanghai");
        var area = new Area(id, row.GetString("name", FieldLimits.Name), row.GetEnum<AreaKind>("kind"), timeZone,
            StaffWithRole(row, "manager_id", StaffRole.Manager), StaffWithRole(row, "supervisor_id", StaffRole.Supervisor));
        _areas.Add(id, (area, row.Line));
        return area;
    }

    public ChatGroup ParseGroup(CsvRow row)
    {
        var id = Unique(row, "id", Id(row, "id"), _groups);
        var managers = row.GetList("manager_ids");
        if (managers.Count == 0) throw row.Error("manager_ids", "needs at least one staff id (separate several with ;)");
        if (managers.FirstOrDefault(m => !_staff.ContainsKey(m)) is { } unknown)
        {
            throw row.Error("manager_ids", $"names {unknown}, who is not in staff.csv");
        }


        var group = new ChatGroup(id, AreaRef(row, "area_id").Id, row.GetString("name", FieldLimits.Name), row.GetString("bot_name", FieldLimits.Name), managers,
            OneOf(row, "channel", GroupChannels));
        _groups.Add(id, (group, row.Line));
        return group;
    }

    public Customer ParseCustomer(CsvRow row)
    {
        var account = Unique(row, "account_no", AccountNo(row), _customers);
        var phone = row.GetString("phone");
        if (!MobileNumber().IsMatch(phone)) throw row.Error("phone", "is not an 11-digit mobile number starting with 1");
        var area = AreaRef(row, "area_id");

        var groupId = row.GetOptionalString("group_id");
        if (groupId is not null)
        {
            if (!_groups.TryGetValue(groupId, out var group)) throw row.Error("group_id", "is not a group in groups.csv");
            if (group.Value.AreaId != area.Id) throw row.Error("group_id", $"serves area {group.Value.AreaId}, not the customer's area {area.Id}");
        }

        var chatUser = row.GetOptionalString("chat_user_id");
        if (chatUser is not null && _chatUsers.TryGetValue(chatUser, out var boundOn))
        {
            throw row.Error("chat_user_id", $"is already bound to the customer on line {boundOn.Line}");
        }

        var customer = new Customer(account, row.GetString("name", FieldLimits.Name), phone, row.GetString("address", FieldLimits.Address),
            area.Id, groupId, chatUser, row.GetString("line", FieldLimits.GridName), row.GetString("transformer", FieldLimits.GridName), row.GetEnum<Segment>("segment"), row.GetEnum<CreditRating>("credit"),
            OneOf(row, "preferred_channel", CustomerChannels));
        _customers.Add(account, (customer, row.Line));
        if (chatUser is not null) _chatUsers.Add(chatUser, (account, row.Line));
        return customer;
    }

    public Bill ParseBill(CsvRow row)
    {
        var account = AccountNo(row);
        if (!_customers.ContainsKey(account)) throw row.Error("account_no", "is not a customer in customers.csv");
        var periodText = row.GetString("period");
        if (!DateOnly.TryParseExact(periodText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var periodStart))
        {
            throw row.Error("period", "is not a billing period like 2026-10");
        }

        if (_bills.TryGetValue($"{account}/{periodText}", out var first))
        {
            throw row.Error("period", $"the account's bill for it is already on line {first.Line}");
        }

        var bill = new Bill(account, periodText, Money(row, "amount"), Money(row, "paid"), row.GetDate("settled_on"), row.GetDate("due_on"));
        if (bill.SettledOn < periodStart) throw row.Error("settled_on", $"is before the period {periodText} starts");
        if (bill.DueOn < bill.SettledOn) throw row.Error("due_on", "is before settled_on");
        _bills.Add($"{account}/{periodText}", (bill, row.Line));
        return bill;
    }

    public OutageNotice ParseOutage(CsvRow row)
    {
        var id = Unique(row, "id", Id(row, "id"), _notices);
        var areaIds = row.GetList("area_ids");
        if (areaIds.Count == 0) throw row.Error("area_ids", "needs at least one area id (separate several with ;)");
        if (areaIds.FirstOrDefault(a => !_areas.ContainsKey(a)) is { } unknown)
        {
            throw row.Error("area_ids", $"names {unknown}, which is not in areas.csv");
        }


        // Times without an offset are local to the (first) area, as people write them on notices.
        var zone = Zones.Find(_areas[areaIds[0]].Value.TimeZone);
        var start = row.GetTime("start", zone);
        var end = row.GetTime("end", zone);
        if (end <= start) throw row.Error("end", "is not after start");
        var notice = new OutageNotice(id, row.GetEnum<OutageKind>("kind"), areaIds, row.GetString("scope", FieldLimits.Text), start, end, row.GetString("reason", FieldLimits.Text));
        _notices.Add(id, (notice, row.Line));
        return notice;
    }

    private static string Id(CsvRow row, string field)
    {
        var id = row.GetString(field);
        return SafeId().IsMatch(id) ? id : throw row.Error(field, "may hold only letters, digits and . _ @ - (at most 64)");
    }

    private static string Unique<T>(CsvRow row, string field, string id, Dictionary<string, (T Value, int Line)> seen) =>
        seen.TryGetValue(id, out var first) ? throw row.Error(field, $"is already used on line {first.Line}") : id;

    private static string AccountNo(CsvRow row)
    {
        var account = row.GetString("account_no");
        return AccountNumber().IsMatch(account) ? account : throw row.Error("account_no", "is not a 10-digit account number");
    }

    private static decimal Money(CsvRow row, string field)
    {
        var amount = row.GetDecimal(field);
        if (amount < 0) throw row.Error(field, "is negative");
        if (amount > FieldLimits.Money) throw row.Error(field, $"is more than {FieldLimits.Money:0} yuan");
        return amount.Scale <= 2 ? amount : throw row.Error(field, "has more than 2 decimals");
    }

    private static string OneOf(CsvRow row, string field, string[] allowed)
    {
        var value = row.GetString(field).ToLowerInvariant();
        return allowed.Contains(value) ? value : throw row.Error(field, $"must be one of {string.Join(", ", allowed)}");
    }

    private Area AreaRef(CsvRow row, string field) =>
        _areas.TryGetValue(row.GetString(field), out var area) ? area.Value : throw row.Error(field, "is not an area in areas.csv");

    private string StaffWithRole(CsvRow row, string field, StaffRole role)
    {
        var id = row.GetString(field);
        if (!_staff.TryGetValue(id, out var staff)) throw row.Error(field, "is not in staff.csv");
        return staff.Value.Role == role
            ? id
            : throw row.Error(field, $"is a {Name(staff.Value.Role)} in staff.csv, not a {Name(role)}");

        static string Name(StaffRole r) => r.ToString().ToLowerInvariant();
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex SafeId();

    [GeneratedRegex(@"^\d{10}$")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex LandlineNumber();
}
