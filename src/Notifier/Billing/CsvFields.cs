using System.Globalization;
using System.Text.RegularExpressions;
using GridService.Core.Csv;

namespace GridService.Notifier.Billing;

/// <summary>Field rules shared by the bill and payment files.</summary>
internal static partial class CsvFields
{
    public static string AccountNo(CsvRow row)
    {
        var account = row.GetString("account_no");
        return AccountNumber().IsMatch(account) ? account : throw row.Error("account_no", "is not a 10-digit account number");
    }

    public static (string Text, DateOnly Start) Period(CsvRow row)
    {
        var text = row.GetString("period");
        return DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? (text, start)
            : throw row.Error("period", "is not a billing period like 2026-10");
    }

    public static decimal Money(CsvRow row, string field)
    {
        var amount = row.GetDecimal(field);
        if (amount < 0) throw row.Error(field, "is negative");
        if (amount > FieldLimits.Money) throw row.Error(field, $"is more than {FieldLimits.Money:0} yuan");
        return amount.Scale <= 2 ? amount : throw row.Error(field, "has more than 2 decimals");
    }

    public static string Id(CsvRow row, string field)
    {
        var id = row.GetString(field);
        return SafeId().IsMatch(id) ? id : throw row.Error(field, "may hold only letters, digits and . _ : @ - (at most 64)");
    }

    /// <summary>A compact key of (account, period) for duplicate checks over a million rows.</summary>
    public static long BillKey(string accountNo, DateOnly periodStart) =>
        long.Parse(accountNo, CultureInfo.InvariantCulture) * 100_000 + periodStart.Year * 12 + periodStart.Month;

    [GeneratedRegex(@"^\d{10}$")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"^[A-Za-z0-9._:@-]{1,64}$")]
    private static partial Regex SafeId();
}
