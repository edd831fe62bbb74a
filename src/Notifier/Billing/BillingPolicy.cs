using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>What to do with one customer's disconnection notice.</summary>
/// <param name="Hold">True: held for a person to release or drop.</param>
/// <param name="Gentle">The gentle wording (when sent, or once released).</param>
/// <param name="Why">Which rule decided, for the held list and the manager (e.g. <c>credit A</c>).</param>
public readonly record struct DisconnectionDecision(bool Hold, bool Gentle, string Why);

/// <summary>
/// Who gets the gentle wording, and whose disconnection notice waits for a person (seed 004: consider the credit
/// rating and the reason for the arrears before disconnecting; configurable, per area for credit).
/// </summary>
public sealed class BillingPolicy(IOptions<BillingOptions> options)
{
    private readonly BillingOptions _options = options.Value;
    private readonly CustomerRule _gentle = CustomerRule.Parse(options.Value.GentleFor);
    private readonly CustomerRule _hold = CustomerRule.Parse(options.Value.HoldFor);

    /// <summary>True when messages to <paramref name="customer"/> use the gentle wording.</summary>
    public bool IsGentle(Customer customer) => _gentle.Matches(customer);

    /// <summary>The credit action for <paramref name="customer"/>'s rating in their area.</summary>
    public CreditAction CreditActionOf(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var rating = customer.Credit.ToString();
        if (_options.AreaCredit.TryGetValue(customer.AreaId, out var area) && area.TryGetValue(rating, out var local)) return local;
        return _options.Credit.TryGetValue(rating, out var action) ? action : CreditAction.Send;
    }

    /// <summary>
    /// The decision on <paramref name="customer"/>'s disconnection notice; <paramref name="first"/> when the customer
    /// never got one before. The segment rule (<see cref="BillingOptions.HoldFor"/>) holds whatever the rating.
    /// </summary>
    public DisconnectionDecision Disconnection(Customer customer, bool first)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var gentle = IsGentle(customer);
        var credit = $"credit {customer.Credit}";
        if (_hold.Matches(customer)) return new(true, true, $"segment {customer.Segment.ToString().ToLowerInvariant()}, {credit}");
        return CreditActionOf(customer) switch
        {
            CreditAction.Hold => new(true, true, credit),
            CreditAction.SoftenHoldFirst => new(first, true, first ? $"{credit}, first notice" : credit),
            CreditAction.Soften => new(false, true, credit),
            _ => new(false, gentle, credit),
        };
    }
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
