using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>Who gets the gentle wording, and whose disconnection notice waits for a person (seed 004; configurable).</summary>
public sealed class BillingPolicy(IOptions<BillingOptions> options)
{
    private readonly CustomerRule _gentle = CustomerRule.Parse(options.Value.GentleFor);
    private readonly CustomerRule _hold = CustomerRule.Parse(options.Value.HoldFor);

    /// <summary>True when messages to <paramref name="customer"/> use the gentle wording.</summary>
    public bool IsGentle(Customer customer) => _gentle.Matches(customer);

    /// <summary>True when <paramref name="customer"/>'s disconnection notice is held for a person to decide.</summary>
    public bool IsHeld(Customer customer) => _hold.Matches(customer);
}

/// <summary>A set of <c>credit:X</c> / <c>segment:Y</c> terms; a customer matching any term matches.</summary>
public sealed class CustomerRule
{
    private readonly HashSet<CreditRating> _credits = [];
    private readonly HashSet<Segment> _segments = [];

    /// <summary>Parses the terms; throws naming the first bad one.</summary>
    /// <exception cref="FormatException">A term is not credit:A|B|C or segment:resident|vip|important.</exception>
    public static CustomerRule Parse(string? terms)
    {
        var rule = new CustomerRule();
        foreach (var term in (terms ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = term.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("credit", StringComparison.OrdinalIgnoreCase) && TryName<CreditRating>(parts[1], out var credit))
            {
                rule._credits.Add(credit);
            }
            else if (parts.Length == 2 && parts[0].Equals("segment", StringComparison.OrdinalIgnoreCase) && TryName<Segment>(parts[1], out var segment))
            {
                rule._segments.Add(segment);
            }
            else
            {
                throw new FormatException($"'{term}' is not credit:A|B|C or segment:resident|vip|important.");
            }
        }

        return rule;
    }

    // Names only: Enum.TryParse would also take "7".
    private static bool TryName<T>(string text, out T value) where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    /// <summary>True when the customer's credit rating or segment is named.</summary>
    public bool Matches(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _credits.Contains(customer.Credit) || _segments.Contains(customer.Segment);
    }
}
